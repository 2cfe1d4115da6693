/**
 * Incidents: counts by map cell from the server when zoomed out (circles sized and labelled by
 * their count), the points themselves when zoomed in, always for the box in view (never every
 * point). Filters by type, verification and source grade (Admiralty reliability and
 * credibility); the time window gives the period. A point shown at its commune centroid (a
 * sensitive report this user may not see exactly) is drawn hollow and flagged in the list and
 * the details.
 */
import {
  INCIDENT_TYPES,
  INFORMATION_CREDIBILITY,
  SOURCE_RELIABILITY,
  VERIFICATION_STATES,
  type IncidentCluster,
  type IncidentFeature,
} from '@konbit/core';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import { incidentsApi } from '../../api/incidents';
import { useQuery } from '../../api/useQuery';
import reportEn from '../../features/report/locales/en.json';
import reportFr from '../../features/report/locales/fr.json';
import reportHt from '../../features/report/locales/ht.json';
import { registerStrings } from '../../i18n/i18n';
import { Position, Time, useNumber } from '../../ui/format';
import { INCIDENT, INCIDENT_CLUSTER } from '../colours';
import {
  clusterLabel,
  COUNT_IMAGE_PREFIX,
  DEFAULT_VERIFICATION,
  filtersOf,
  modeOf,
  POINTS_FROM_ZOOM,
  POINTS_LIMIT,
} from './incident-filters';
import { Pending } from './details';
import { EMPTY, type LayerProps, type LayerState, type MapLayer } from './layer';

// Incident types and source kinds are named as the report form names them.
registerStrings('report', { en: reportEn, fr: reportFr, ht: reportHt });

interface ClusterRow {
  readonly kind: 'cluster';
  readonly id: string;
  readonly cluster: IncidentCluster;
}
interface PointRow {
  readonly kind: 'point';
  readonly id: string;
  readonly incident: IncidentFeature;
}

export interface IncidentsData {
  readonly mode: 'clusters' | 'points' | 'waiting';
  /** What the list shows: clusters or points (named `features` so the list counts them). */
  readonly features: readonly (ClusterRow | PointRow)[];
  /** Points beyond `POINTS_LIMIT` were left out. */
  readonly truncated: boolean;
}

const bboxText = (b: readonly number[]) => b.join(',');

/**
 * A cluster's count drawn as an image with the browser's own font: the map has no text glyphs
 * without a network, so the counts are icons, made the first time a count is shown.
 */
function countImage(label: string): { image: ImageData; pixelRatio: number } | null {
  const ratio = Math.min(2, Math.max(1, Math.round(window.devicePixelRatio || 1)));
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return null;
  const font = `bold ${12 * ratio}px system-ui, sans-serif`;
  context.font = font;
  canvas.width = Math.ceil(context.measureText(label).width) + 6 * ratio;
  canvas.height = 18 * ratio;
  // Resizing the canvas resets its state.
  context.font = font;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = 3 * ratio;
  context.strokeStyle = INCIDENT_CLUSTER;
  context.strokeText(label, canvas.width / 2, canvas.height / 2);
  context.fillStyle = '#ffffff';
  context.fillText(label, canvas.width / 2, canvas.height / 2);
  return {
    image: context.getImageData(0, 0, canvas.width, canvas.height),
    pixelRatio: ratio,
  };
}

function Legend({ data }: LayerProps<IncidentsData>) {
  const { t } = useTranslation('map');
  return (
    <>
      <ul className="legend" data-testid="legend-incidents" data-mode={data.mode}>
        {data.mode === 'clusters' ? (
          <li>
            <span className="swatch dot big" style={{ background: INCIDENT_CLUSTER }} />
            {t('incidents.cluster')}
          </li>
        ) : (
          <>
            <li>
              <span className="swatch dot" style={{ background: INCIDENT }} />
              {t('incidents.point')}
            </li>
            <li>
              <span className="swatch dot hollow" style={{ borderColor: INCIDENT }} />
              {t('incidents.generalised')}
            </li>
          </>
        )}
      </ul>
      <p className="hint">
        {data.mode === 'clusters' ? t('incidents.zoomForPoints') : t('incidents.pointsInView')}
      </p>
      {data.truncated && (
        <p className="hint" role="status" data-testid="incidents-truncated">
          {t('incidents.truncated', { limit: POINTS_LIMIT })}
        </p>
      )}
    </>
  );
}

function List({ data, select }: LayerProps<IncidentsData> & { select: (id: string) => void }) {
  const { t } = useTranslation('map');
  const { t: tr } = useTranslation('report');
  const number = useNumber();
  if (data.mode === 'clusters') {
    return (
      <ul className="feature-list" data-testid="list-incident-clusters">
        {[...data.features]
          .filter((r): r is ClusterRow => r.kind === 'cluster')
          .sort((a, b) => b.cluster.count - a.cluster.count)
          .map((r) => (
            <li key={r.id} data-cell={r.cluster.cell} data-count={r.cluster.count}>
              <button type="button" className="link" onClick={() => select(r.id)}>
                {t('incidents.clusterCount', {
                  count: r.cluster.count,
                  n: number(r.cluster.count),
                })}
              </button>{' '}
              <span className="hint">
                {Object.entries(r.cluster.byType)
                  .map(([type, n]) => `${tr(`types.${type}`)} ${number(n ?? 0)}`)
                  .join(', ')}
              </span>
            </li>
          ))}
      </ul>
    );
  }
  return (
    <ul className="feature-list" data-testid="list-incidents">
      {data.features
        .filter((r): r is PointRow => r.kind === 'point')
        .map((r) => {
          const p = r.incident.properties;
          return (
            <li key={r.id} data-id={r.id} data-generalised={p.generalised}>
              <button type="button" className="link" onClick={() => select(r.id)}>
                {tr(`types.${p.type}`)}
              </button>{' '}
              <Time value={p.occurredAt} />{' '}
              <span className="hint">
                {t(`incidents.verification.${p.verification}`)} · {p.source.grade}
                {p.generalised && <> · {t('incidents.atCentroid')}</>}
              </span>
            </li>
          );
        })}
    </ul>
  );
}

function CheckboxGroup({
  legend,
  values,
  chosen,
  label,
  onChange,
  testId,
}: {
  legend: string;
  values: readonly string[];
  chosen: readonly string[];
  label: (v: string) => string;
  onChange: (next: readonly string[]) => void;
  testId: string;
}) {
  return (
    <fieldset className="checkbox-group" data-testid={testId}>
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} className="inline-field">
          <input
            type="checkbox"
            value={v}
            checked={chosen.includes(v)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))
            }
          />
          <span>{label(v)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function Controls({
  state,
  setOption,
}: {
  state: LayerState;
  setOption: (key: string, value: string) => void;
}) {
  const { t } = useTranslation('map');
  const { t: tr } = useTranslation('report');
  const filters = filtersOf(state);
  const list = (v: string | undefined) => (v ? v.split(',') : []);
  // No box ticked means no filter: every value.
  const set = (key: string) => (next: readonly string[]) =>
    setOption(key, next.length === 0 ? '' : next.join(','));
  return (
    <details className="filters">
      <summary>{t('incidents.filters')}</summary>
      <CheckboxGroup
        legend={t('incidents.type')}
        values={INCIDENT_TYPES}
        chosen={list(filters.types)}
        label={(v) => tr(`types.${v}`)}
        onChange={set('types')}
        testId="filter-types"
      />
      <CheckboxGroup
        legend={t('incidents.verificationLabel')}
        values={VERIFICATION_STATES}
        chosen={list(filters.verification)}
        label={(v) => t(`incidents.verification.${v}`)}
        onChange={set('verification')}
        testId="filter-verification"
      />
      <CheckboxGroup
        legend={t('incidents.reliability')}
        values={SOURCE_RELIABILITY}
        chosen={list(filters.reliability)}
        label={(v) => t(`incidents.reliabilityGrade.${v}`)}
        onChange={set('reliability')}
        testId="filter-reliability"
      />
      <CheckboxGroup
        legend={t('incidents.credibility')}
        values={INFORMATION_CREDIBILITY}
        chosen={list(filters.credibility)}
        label={(v) => t(`incidents.credibilityGrade.${v}`)}
        onChange={set('credibility')}
        testId="filter-credibility"
      />
      <p className="hint">{t('incidents.noneTicked')}</p>
    </details>
  );
}

/** Brings a cluster's cell into view close enough for its incidents to be drawn one by one. */
function zoomInto(c: IncidentCluster): void {
  const map = window.konbitMap;
  if (!map) return;
  const camera = map.cameraForBounds(
    [
      [c.bbox[0], c.bbox[1]],
      [c.bbox[2], c.bbox[3]],
    ],
    { padding: 40 },
  );
  map.easeTo({
    center: camera?.center ?? c.centre,
    zoom: Math.max(POINTS_FROM_ZOOM, camera?.zoom ?? POINTS_FROM_ZOOM),
  });
}

function ClusterDetails({ row }: { row: ClusterRow }) {
  const { t } = useTranslation('map');
  const { t: tr } = useTranslation('report');
  const number = useNumber();
  const c = row.cluster;
  return (
    <>
      <h3 data-testid="details-title">
        {t('incidents.clusterCount', { count: c.count, n: number(c.count) })}
      </h3>
      <ul data-testid="details-by-type">
        {Object.entries(c.byType).map(([type, n]) => (
          <li key={type} data-type={type} data-count={n}>
            {tr(`types.${type}`)}: {number(n ?? 0)}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => zoomInto(c)}>
        {t('incidents.zoomIn')}
      </button>
      <Position lon={c.centre[0]} lat={c.centre[1]} />
    </>
  );
}

function PointDetails({ id }: { id: string }) {
  const { t } = useTranslation('map');
  const { t: tr } = useTranslation('report');
  const detail = useQuery(`incident:${id}`, (signal) => incidentsApi.detail(id, signal), [
    'incident',
  ]);
  if (detail.error || !detail.data) return <Pending query={detail} />;
  const p = detail.data.properties;
  const at = detail.data.geometry?.coordinates;
  return (
    <>
      <h3 data-testid="details-title">{tr(`types.${p.type}`)}</h3>
      {p.generalised && (
        <p className="conflict-marker" data-testid="details-generalised">
          {t('incidents.generalisedNote')}
        </p>
      )}
      <dl>
        <dt>{t('incidents.when')}</dt>
        <dd>
          <Time value={p.occurredAt} /> ({t(`incidents.timePrecision.${p.occurredPrecision}`)})
        </dd>
        <dt>{t('incidents.verificationLabel')}</dt>
        <dd data-testid="details-verification">{t(`incidents.verification.${p.verification}`)}</dd>
        <dt>{t('incidents.grade')}</dt>
        <dd data-testid="details-grade">
          {p.source.grade} — {tr(`sourceKind.${p.source.kind}`)}
          {p.source.reference && <> ({p.source.reference})</>}
        </dd>
        <dt>{t('areas.commune')}</dt>
        <dd>{p.commune ? `${p.commune} (${p.pcode ?? ''})` : '—'}</dd>
        <dt>{t('incidents.casualties')}</dt>
        <dd>
          {t('incidents.casualtyCounts', {
            killed: p.casualties.killed,
            injured: p.casualties.injured,
            abducted: p.casualties.abducted,
          })}
        </dd>
        <dt>{t('incidents.reportedBy')}</dt>
        <dd>{p.reportedBy.organisation ?? '—'}</dd>
      </dl>
      <p data-testid="details-description">{p.description}</p>
      {at && <Position lon={at[0]} lat={at[1]} />}
      {p.relatedSites.length > 0 && (
        <>
          <h4>{t('incidents.nearSites')}</h4>
          <ul>
            {p.relatedSites.map((s) => (
              <li key={s.id}>
                {s.name} — {t('incidents.metres', { metres: s.distanceMetres })}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('incidents.history')}</h4>
      {p.verificationHistory.length === 0 ? (
        <p className="hint">{t('incidents.noHistory')}</p>
      ) : (
        <ol className="history" data-testid="incident-history">
          {p.verificationHistory.map((s) => (
            <li key={`${s.at}-${s.to}`}>
              <Time value={s.at} />: {t(`incidents.verification.${s.from}`)} →{' '}
              <strong>{t(`incidents.verification.${s.to}`)}</strong> — {s.reason}{' '}
              <span className="hint">
                ({s.by.name}
                {s.by.organisation ? `, ${s.by.organisation}` : ''})
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function Details({ data, id }: LayerProps<IncidentsData> & { id: string }) {
  const { t } = useTranslation('map');
  const row = data.features.find((r) => r.id === id);
  if (row?.kind === 'cluster') return <ClusterDetails row={row} />;
  // A cluster of another zoom: its incidents are now drawn one by one.
  if (id.startsWith(CLUSTER_PREFIX)) return <p className="hint">{t('incidents.clusterGone')}</p>;
  // A point chosen on the map (or one no longer in view): its details come from the API.
  return <PointDetails id={id} />;
}

const CLUSTER_PREFIX = 'cell:';

export const incidentsLayer: MapLayer<IncidentsData> = {
  id: 'incidents',
  defaultOn: true,
  entities: ['incident'],
  usesTimeWindow: true,
  defaultOptions: {
    types: '',
    verification: DEFAULT_VERIFICATION,
    reliability: '',
    credibility: '',
  },
  dataKey(state) {
    const mode = modeOf(state);
    const f = filtersOf(state);
    const view =
      state.viewport === null
        ? 'none'
        : `${bboxText(state.viewport.bbox)}@${mode === 'clusters' ? Math.floor(state.viewport.zoom) : 'points'}`;
    return `incidents:${mode}:${view}:${f.from}:${f.to}:${f.types ?? ''}:${f.verification ?? ''}:${f.reliability ?? ''}:${f.credibility ?? ''}`;
  },
  async load(state, signal) {
    const mode = modeOf(state);
    if (mode === 'waiting' || !state.viewport) return { mode, features: [], truncated: false };
    const filters = filtersOf(state);
    const bbox = bboxText(state.viewport.bbox);
    if (mode === 'clusters') {
      const zoom = Math.floor(state.viewport.zoom);
      const answer = await incidentsApi.clusters(bbox, zoom, filters, signal);
      return {
        mode,
        truncated: false,
        features: answer.clusters.map((cluster) => ({
          kind: 'cluster' as const,
          id: `${CLUSTER_PREFIX}${cluster.cell}`,
          cluster,
        })),
      };
    }
    const page = await incidentsApi.list(bbox, filters, POINTS_LIMIT, signal);
    return {
      mode,
      truncated: page.nextCursor !== null,
      features: page.features.map((incident) => ({
        kind: 'point' as const,
        id: incident.id,
        incident,
      })),
    };
  },
  install(map) {
    map.addSource('incidents-clusters', { type: 'geojson', data: EMPTY, promoteId: 'id' });
    map.addSource('incidents-points', { type: 'geojson', data: EMPTY, promoteId: 'id' });
    map.addLayer({
      id: 'incidents-cluster-circles',
      type: 'circle',
      source: 'incidents-clusters',
      paint: {
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['get', 'count'],
          1,
          8,
          10,
          14,
          100,
          22,
          1000,
          32,
        ],
        'circle-color': INCIDENT_CLUSTER,
        'circle-opacity': 0.75,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    });
    map.addLayer({
      id: 'incidents-cluster-counts',
      type: 'symbol',
      source: 'incidents-clusters',
      layout: {
        'icon-image': ['concat', COUNT_IMAGE_PREFIX, ['get', 'label']],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    });
    map.on('styleimagemissing', (event: { id: string }) => {
      if (!event.id.startsWith(COUNT_IMAGE_PREFIX) || map.hasImage(event.id)) return;
      const made = countImage(event.id.slice(COUNT_IMAGE_PREFIX.length));
      if (made) map.addImage(event.id, made.image, { pixelRatio: made.pixelRatio });
    });
    map.addLayer({
      id: 'incidents-point-circles',
      type: 'circle',
      source: 'incidents-points',
      paint: {
        'circle-radius': 7,
        // Shown at a commune centroid: hollow, so nobody reads it as the place.
        'circle-color': ['case', ['get', 'generalised'], 'rgba(255,255,255,0.6)', INCIDENT],
        'circle-stroke-color': INCIDENT,
        'circle-stroke-width': ['case', ['get', 'generalised'], 3, 1.5],
      },
    });
  },
  render(map, data) {
    const clusters = data.features.filter((r): r is ClusterRow => r.kind === 'cluster');
    const points = data.features.filter((r): r is PointRow => r.kind === 'point');
    (map.getSource('incidents-clusters') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: clusters.map((r) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: r.cluster.centre },
        properties: {
          id: r.id,
          cell: r.cluster.cell,
          count: r.cluster.count,
          label: clusterLabel(r.cluster.count),
        },
      })),
    } as never);
    (map.getSource('incidents-points') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: points
        .filter((r) => r.incident.geometry !== null)
        .map((r) => ({
          type: 'Feature',
          geometry: r.incident.geometry,
          properties: {
            id: r.id,
            type: r.incident.properties.type,
            verification: r.incident.properties.verification,
            grade: r.incident.properties.source.grade,
            generalised: r.incident.properties.generalised,
          },
        })),
    } as never);
  },
  styleLayers: ['incidents-cluster-circles', 'incidents-cluster-counts', 'incidents-point-circles'],
  clickable: ['incidents-point-circles', 'incidents-cluster-circles'],
  pick: (f: MapGeoJSONFeature) => (typeof f.id === 'string' ? f.id : null),
  locate(data, id) {
    const row = data.features.find((r) => r.id === id);
    if (!row) return null;
    if (row.kind === 'cluster') return row.cluster.centre;
    const c = row.incident.geometry?.coordinates;
    return c ? [c[0], c[1]] : null;
  },
  Legend,
  List,
  Controls,
  Details,
};
