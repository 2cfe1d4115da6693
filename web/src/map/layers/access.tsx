/**
 * Access constraints in force at some time in the window: roads as lines, areas as shapes,
 * whole communes as their outline, coloured by severity. Details: category, severity, place,
 * dates and the source.
 */
import { ACCESS_SEVERITIES, type AccessConstraint } from '@konbit/core';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import type { AreaCollection } from '../../api/client';
import { humanitarianMapApi } from '../../api/humanitarian-map';
import { loadCommunes } from '../../ui/areas';
import { Source, useDay } from '../../ui/format';
import { ACCESS_SEVERITY_COLOURS } from '../colours';
import { EMPTY, type LayerProps, type MapLayer } from './layer';

export interface AccessData {
  readonly features: readonly AccessConstraint[];
  readonly communes: AreaCollection;
}

function byId(data: AccessData, id: string) {
  return data.features.find((c) => c.id === id);
}

function Legend() {
  const { t } = useTranslation('map');
  return (
    <ul className="legend" data-testid="legend-access">
      {ACCESS_SEVERITIES.map((s) => (
        <li key={s}>
          <span className="swatch line" style={{ borderColor: ACCESS_SEVERITY_COLOURS[s] }} />
          {t(`access.severity.${s}`)}
        </li>
      ))}
    </ul>
  );
}

function List({ data, select }: LayerProps<AccessData> & { select: (id: string) => void }) {
  const { t } = useTranslation('map');
  const rank = (c: AccessConstraint) => ACCESS_SEVERITIES.indexOf(c.severity);
  return (
    <ul className="feature-list" data-testid="list-access">
      {[...data.features]
        .sort((a, b) => rank(b) - rank(a))
        .map((c) => (
          <li key={c.id} data-id={c.id} data-severity={c.severity} data-open={c.open}>
            <button type="button" className="link" onClick={() => select(c.id)}>
              {c.place ?? c.communes.map((m) => m.name).join(', ')}
            </button>{' '}
            <span className="hint">
              {t(`access.severity.${c.severity}`)} · {c.categoryLabel}
            </span>
          </li>
        ))}
    </ul>
  );
}

function Details({ data, id }: LayerProps<AccessData> & { id: string }) {
  const { t } = useTranslation('map');
  const day = useDay();
  const c = byId(data, id);
  if (!c) return null;
  return (
    <>
      <h3 data-testid="details-title">{c.place ?? c.categoryLabel}</h3>
      <dl>
        <dt>{t('access.category')}</dt>
        <dd>{c.categoryLabel}</dd>
        <dt>{t('access.severityLabel')}</dt>
        <dd data-testid="details-severity">{t(`access.severity.${c.severity}`)}</dd>
        <dt>{t('access.scopeLabel')}</dt>
        <dd>{t(`access.scope.${c.scope}`)}</dd>
        <dt>{t('access.inForce')}</dt>
        <dd data-testid="details-dates">
          {c.end
            ? t('access.fromTo', { from: day(c.start), to: day(c.end) })
            : t('access.since', { from: day(c.start) })}
        </dd>
        <dt>{t('access.communes')}</dt>
        <dd>{c.communes.map((m) => `${m.name} (${m.pcode})`).join(', ') || '—'}</dd>
      </dl>
      <p>{c.description}</p>
      <Source source={c.source} />
    </>
  );
}

type Geometry = { type: string; coordinates: unknown };

export const accessLayer: MapLayer<AccessData> = {
  id: 'access',
  defaultOn: true,
  entities: ['access-constraint'],
  usesTimeWindow: true,
  dataKey: (s) => `access:${s.window.from}:${s.window.to}`,
  async load(state, signal) {
    const [list, communes] = await Promise.all([
      humanitarianMapApi.accessConstraints(state.window.from, state.window.to, signal),
      loadCommunes(),
    ]);
    return { features: list.constraints, communes };
  },
  install(map) {
    map.addSource('access-lines', { type: 'geojson', data: EMPTY });
    map.addSource('access-areas', { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: 'access-area-fill',
      type: 'fill',
      source: 'access-areas',
      paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.2 },
    });
    map.addLayer({
      id: 'access-area-line',
      type: 'line',
      source: 'access-areas',
      paint: { 'line-color': ['get', 'colour'], 'line-width': 2, 'line-dasharray': [2, 1] },
    });
    map.addLayer({
      id: 'access-line',
      type: 'line',
      source: 'access-lines',
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': ['get', 'colour'], 'line-width': 5 },
    });
  },
  render(map, data) {
    const lines: unknown[] = [];
    const areas: unknown[] = [];
    for (const c of data.features) {
      const properties = {
        id: c.id,
        severity: c.severity,
        colour: ACCESS_SEVERITY_COLOURS[c.severity],
      };
      const geometry = c.geometry as Geometry | null;
      if (geometry && /LineString$/.test(geometry.type)) {
        lines.push({ type: 'Feature', geometry, properties });
      } else if (geometry) {
        areas.push({ type: 'Feature', geometry, properties });
      } else {
        // A constraint on whole communes is drawn as the communes.
        for (const m of c.communes) {
          const commune = data.communes.features.find((f) => f.properties.pcode === m.pcode);
          if (commune) areas.push({ type: 'Feature', geometry: commune.geometry, properties });
        }
      }
    }
    (map.getSource('access-lines') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: lines,
    } as never);
    (map.getSource('access-areas') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: areas,
    } as never);
  },
  styleLayers: ['access-area-fill', 'access-area-line', 'access-line'],
  clickable: ['access-line', 'access-area-fill'],
  pick: (f: MapGeoJSONFeature) => {
    const id = (f.properties as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  },
  locate(data, id) {
    const c = byId(data, id);
    if (!c) return null;
    const g = c.geometry as Geometry | null;
    // The first position of a line or ring is close enough to bring it into view.
    const first = (function find(v: unknown): [number, number] | null {
      if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') {
        return [v[0], v[1]];
      }
      return Array.isArray(v) && v.length > 0 ? find(v[0]) : null;
    })(g?.coordinates);
    if (first) return first;
    const m = c.communes[0];
    return m
      ? (data.communes.features.find((f) => f.properties.pcode === m.pcode)?.properties.centroid ??
          null)
      : null;
  },
  Legend,
  List,
  Details,
};
