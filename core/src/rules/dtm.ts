/**
 * IOM's Displacement Tracking Matrix (DTM) publishes several rows per area and round, split by
 * displacement reason and place of origin. Konbit keeps one figure per operation, round, admin
 * level, P-code and reporting date: the sum, with the split kept as its breakdown. That tuple is
 * the natural key that makes importing the same data twice add nothing.
 */

export type DtmAdminLevel = 0 | 1 | 2;

/** One DTM row, already checked and with Konbit P-codes (`HT`, `HT01`, `HT0111`). */
export interface DtmRecord {
  readonly operation: string;
  readonly round: number;
  readonly adminLevel: DtmAdminLevel;
  readonly pcode: string;
  /** `YYYY-MM-DD` */
  readonly reportingDate: string;
  readonly idps: number;
  readonly males: number | null;
  readonly females: number | null;
  readonly reason: string | null;
  readonly originPcode: string | null;
  readonly originName: string | null;
  /** `BA` (baseline assessment), `SA` (site assessment)… as DTM writes it. */
  readonly assessmentType: string | null;
  /** The row it was read from, to name it in errors. */
  readonly row: number;
}

export interface DtmBreakdownItem {
  readonly by: 'displacement-reason' | 'origin' | 'sex';
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

export interface DtmFigure {
  readonly key: string;
  readonly operation: string;
  readonly round: number;
  readonly adminLevel: DtmAdminLevel;
  readonly pcode: string;
  readonly reportingDate: string;
  readonly idps: number;
  readonly assessmentType: string | null;
  /** The rows summed, in file order. */
  readonly rows: readonly number[];
  readonly breakdown: readonly DtmBreakdownItem[];
}

/** The natural key of a DTM figure. Operation names compare without case or outer spaces. */
export function dtmKey(
  r: Pick<DtmRecord, 'operation' | 'round' | 'adminLevel' | 'pcode' | 'reportingDate'>,
): string {
  const operation = r.operation.trim().replace(/\s+/g, ' ').toLowerCase();
  return `dtm|${operation}|${r.round}|${r.adminLevel}|${r.pcode}|${r.reportingDate}`;
}

const ASSESSMENT_LABELS: Readonly<Record<string, string>> = {
  BA: 'baseline assessment',
  SA: 'site assessment',
  MSLA: 'multi-sectoral location assessment',
  ETT: 'emergency tracking',
  RA: 'rapid assessment',
};

/** "BA" → "baseline assessment"; an unknown code is kept as written. */
export function dtmAssessmentLabel(code: string): string {
  return ASSESSMENT_LABELS[code.trim().toUpperCase()] ?? code.trim();
}

/** How the number was produced, as a figure's source states it: "DTM round 3, baseline assessment". */
export function dtmMethod(f: Pick<DtmFigure, 'round' | 'assessmentType'>): string {
  const assessment = f.assessmentType ? `, ${dtmAssessmentLabel(f.assessmentType)}` : '';
  return `DTM round ${f.round}${assessment}`;
}

function add(
  map: Map<string, { label: string; value: number }>,
  key: string,
  label: string,
  n: number,
) {
  const current = map.get(key);
  if (current) current.value += n;
  else map.set(key, { label, value: n });
}

/**
 * Sums DTM rows into one figure per natural key, in the order each key first appears. The
 * breakdown lists the sums by displacement reason, by province of origin and, when every row
 * gives it, by sex.
 */
export function sumDtmRecords(records: readonly DtmRecord[]): DtmFigure[] {
  interface Acc {
    first: DtmRecord;
    idps: number;
    males: number | null;
    females: number | null;
    assessments: Set<string>;
    rows: number[];
    reasons: Map<string, { label: string; value: number }>;
    origins: Map<string, { label: string; value: number }>;
  }
  const groups = new Map<string, Acc>();
  for (const r of records) {
    const key = dtmKey(r);
    let acc = groups.get(key);
    if (!acc) {
      acc = {
        first: r,
        idps: 0,
        males: 0,
        females: 0,
        assessments: new Set(),
        rows: [],
        reasons: new Map(),
        origins: new Map(),
      };
      groups.set(key, acc);
    }
    acc.idps += r.idps;
    acc.males = acc.males === null || r.males === null ? null : acc.males + r.males;
    acc.females = acc.females === null || r.females === null ? null : acc.females + r.females;
    if (r.assessmentType) acc.assessments.add(r.assessmentType.trim().toUpperCase());
    acc.rows.push(r.row);
    const reason = r.reason?.trim() || 'Not reported';
    add(acc.reasons, reason.toLowerCase(), reason, r.idps);
    const originKey = r.originPcode ?? 'unknown';
    add(acc.origins, originKey, r.originName?.trim() || 'Not available', r.idps);
  }
  return [...groups.entries()].map(([key, acc]) => {
    const breakdown: DtmBreakdownItem[] = [
      ...[...acc.reasons.entries()].map(([k, v]) => ({
        by: 'displacement-reason' as const,
        key: k,
        label: v.label,
        value: v.value,
      })),
      ...[...acc.origins.entries()].map(([k, v]) => ({
        by: 'origin' as const,
        key: k,
        label: v.label,
        value: v.value,
      })),
      ...(acc.males !== null && acc.females !== null
        ? [
            { by: 'sex' as const, key: 'm', label: 'Males', value: acc.males },
            { by: 'sex' as const, key: 'f', label: 'Females', value: acc.females },
          ]
        : []),
    ];
    return {
      key,
      operation: acc.first.operation.trim(),
      round: acc.first.round,
      adminLevel: acc.first.adminLevel,
      pcode: acc.first.pcode,
      reportingDate: acc.first.reportingDate,
      idps: acc.idps,
      assessmentType: acc.assessments.size > 0 ? [...acc.assessments].sort().join('+') : null,
      rows: acc.rows,
      breakdown,
    };
  });
}

/**
 * DTM writes the country as its ISO code (`HTI`); Konbit's P-code for Haiti is `HT`. Admin 1
 * and 2 codes are the OCHA P-codes already. Returns null for "Not available" and blanks.
 */
export function dtmPcode(code: string | null | undefined): string | null {
  const c = (code ?? '').trim().toUpperCase();
  if (c === '' || c === 'NOT AVAILABLE' || c === 'N/A') return null;
  return c === 'HTI' ? 'HT' : c;
}
