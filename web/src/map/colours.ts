/** The map's colours: a palette that keeps contrast on the light base, and shading classes. */

export const SEA = '#dbe9f3';
export const LAND = '#f4f1ea';
export const DEPARTMENT_LINE = '#5c6670';
export const COMMUNE_LINE = '#9aa4ae';
export const PLACE = '#3d4852';
export const KEY_SITE = '#a4161a';

/** Sequential classes, light to dark (ColorBrewer YlOrRd 5, readable on the light base). */
export const SHADES = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/**
 * Class breaks for `values`: up to five classes by quantiles, rounded down to two significant
 * digits so the legend reads well (never above the value it stands for, never at or below the
 * smallest value, so no class is empty by rounding). Returns the lower bounds of classes 2…n.
 */
export function breaks(values: readonly number[]): number[] {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length < 2) return [];
  const round = (v: number) => {
    if (v <= 0) return 0;
    const p = 10 ** Math.max(0, Math.floor(Math.log10(v)) - 1);
    return Math.floor(v / p) * p;
  };
  const out: number[] = [];
  const classes = Math.min(SHADES.length, sorted.length);
  for (let i = 1; i < classes; i += 1) {
    const b = round(sorted[Math.floor((i * sorted.length) / classes)] ?? 0);
    if (b > (out[out.length - 1] ?? sorted[0] ?? 0)) out.push(b);
    else if (out.length === 0 && (sorted[sorted.length - 1] ?? 0) > (sorted[0] ?? 0)) {
      // Rounding fell onto the smallest value: break just above it instead.
      const above = sorted.find((v) => v > (sorted[0] ?? 0));
      if (above !== undefined) out.push(above);
    }
  }
  return out;
}

/** The class of `value` given `breaks` (0 = lightest). */
export function classOf(value: number, limits: readonly number[]): number {
  let c = 0;
  for (const b of limits) if (value >= b) c += 1;
  return c;
}

/** A critical site's status: green held, amber and red at risk, grey unknown or closed. */
export const SITE_STATUS_COLOURS = {
  secured: '#1a7f37',
  contested: '#d97706',
  threatened: '#c2410c',
  lost: '#7f1d1d',
  closed: '#4b5563',
  unknown: '#9ca3af',
} as const;

/** Incidents: points and clusters in one colour family apart from sites and places. */
export const INCIDENT = '#6d28d9';
export const INCIDENT_CLUSTER = '#8b5cf6';

/** IDP sites: exact positions filled, commune centroids hollow. */
export const IDP_SITE = '#0e7490';

/** Hazards: affected areas tinted, epicentres marked. */
export const HAZARD = '#b45309';

/** Access constraints by severity, light to dark. */
export const ACCESS_SEVERITY_COLOURS = {
  low: '#fbbf24',
  medium: '#f97316',
  high: '#dc2626',
  extreme: '#7f1d1d',
} as const;
