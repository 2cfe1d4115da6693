/**
 * Communes shaded by a chosen figure (internally displaced by default): the latest figure per
 * commune as of the time window's last day, from `/api/v1/figures`. Where sources disagree the
 * commune is shaded by its latest figure and the details show every figure with its source.
 * "Incidents in the period" shades by the count of incidents in the time window, from
 * `/api/v1/incidents/stats?groupBy=pcode` (reports judged false left out, duplicates once).
 */
import { METRICS, type Metric } from '@konbit/core';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import { api, type AreaCollection, type ListedFigure } from '../../api/client';
import { incidentsApi } from '../../api/incidents';
import { groupFigures, isAreaFigure, type FigureGroup } from '../../features/dashboard/figures';
import { loadCommunes } from '../../ui/areas';
import { Position, useDay, useNumber } from '../../ui/format';
import { breaks, classOf, SHADES } from '../colours';
import { DetailsFigure } from './details';
import { EMPTY, type LayerProps, type MapLayer } from './layer';

/** A figure metric, or the count of incidents in the time window. */
type Shading = Metric | 'incidents';
const SHADINGS: readonly Shading[] = [...METRICS, 'incidents'];

interface FiguresData {
  readonly metric: Shading;
  readonly communes: AreaCollection;
  /** The value each commune is shaded by, per P-code. */
  readonly values: ReadonlyMap<string, number>;
  /** Figures per commune P-code (latest first; several when sources disagree); none for incidents. */
  readonly byCommune: ReadonlyMap<string, FigureGroup>;
  readonly breaks: readonly number[];
  /** The period the incidents were counted over (Port-au-Prince days). */
  readonly period: { readonly from: string; readonly to: string };
}

const metricOf = (options: Readonly<Record<string, string>>): Shading =>
  (SHADINGS as readonly string[]).includes(options['metric'] ?? '')
    ? (options['metric'] as Shading)
    : 'idps';

/** The name of what the communes are shaded by. */
function useShadingName(): (m: Shading) => string {
  const { t } = useTranslation('map');
  const { t: tc } = useTranslation();
  return (m) => (m === 'incidents' ? t('figures.incidents') : tc(`metric.${m}`));
}

function latest(group: FigureGroup): ListedFigure | undefined {
  return group.figures[0];
}

function Legend({ data }: LayerProps<FiguresData>) {
  const { t } = useTranslation('map');
  const name = useShadingName();
  const number = useNumber();
  const limits = data.breaks;
  const values = [...data.values.values()];
  const min = Math.min(...values);
  const max = Math.max(...values);
  return (
    <div>
      <p className="legend-title">{name(data.metric)}</p>
      {data.values.size === 0 ? (
        <p className="hint" data-testid="figures-none">
          {t('figures.noneFound')}
        </p>
      ) : (
        <ul className="legend" data-testid="legend-figures">
          {[min, ...limits].map((low, i) => {
            const next = limits[i];
            return (
              <li key={low}>
                <span className="swatch" style={{ background: SHADES[i] }} />
                {next === undefined
                  ? `${number(low)} – ${number(max)}`
                  : `${number(low)} – ${t('figures.below', { value: number(next) })}`}
              </li>
            );
          })}
          <li>
            <span className="swatch none" />
            {t('figures.none')}
          </li>
        </ul>
      )}
    </div>
  );
}

function List({ data, select }: LayerProps<FiguresData> & { select: (id: string) => void }) {
  const { t } = useTranslation('map');
  const number = useNumber();
  const day = useDay();
  const names = new Map(data.communes.features.map((f) => [f.properties.pcode, f.properties.name]));
  const rows = [...data.values.entries()]
    .map(([pcode, value]) => ({ pcode, value, g: data.byCommune.get(pcode) }))
    .sort((a, b) => b.value - a.value);
  return (
    <table className="feature-table" data-testid="list-figures">
      <thead>
        <tr>
          <th scope="col">{t('figures.commune')}</th>
          <th scope="col">{t('figures.value')}</th>
          <th scope="col">
            {data.metric === 'incidents' ? t('figures.period') : t('figures.asOf')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ pcode, value, g }) => (
          <tr
            key={pcode}
            data-pcode={pcode}
            data-value={value}
            data-conflict={g?.conflict ?? false}
          >
            <td>
              <button type="button" className="link" onClick={() => select(pcode)}>
                {names.get(pcode) ?? pcode}
              </button>
              {g?.conflict && <span title={t('figures.conflict')}> ⚠</span>}
            </td>
            <td>{number(value)}</td>
            <td>
              {g && latest(g)
                ? day(latest(g)?.asOf ?? '')
                : `${day(data.period.from)} – ${day(data.period.to)}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Controls({
  state,
  setOption,
}: {
  state: LayerProps<FiguresData>['state'];
  setOption: (key: string, value: string) => void;
}) {
  const { t } = useTranslation('map');
  const name = useShadingName();
  return (
    <label className="inline-field">
      <span>{t('figures.metric')}</span>
      <select
        value={metricOf(state.options)}
        onChange={(e) => setOption('metric', e.target.value)}
        data-testid="figures-metric"
      >
        {SHADINGS.map((m) => (
          <option key={m} value={m}>
            {name(m)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Details({ data, id }: LayerProps<FiguresData> & { id: string }) {
  const { t } = useTranslation('map');
  const { t: tc } = useTranslation();
  const number = useNumber();
  const day = useDay();
  const commune = data.communes.features.find((f) => f.properties.pcode === id);
  const group = data.byCommune.get(id);
  const count = data.values.get(id);
  if (!commune) return null;
  const [lon, lat] = commune.properties.centroid;
  return (
    <>
      <h3 data-testid="details-title">{commune.properties.name}</h3>
      <p className="hint">{commune.properties.pcode}</p>
      {data.metric === 'incidents' ? (
        <p data-testid="details-incidents" data-value={count ?? 0}>
          {t('figures.incidentsIn', {
            count: count ?? 0,
            n: number(count ?? 0),
            from: day(data.period.from),
            to: day(data.period.to),
          })}
        </p>
      ) : (
        !group && <p>{t('figures.none')}</p>
      )}
      {group?.conflict && (
        <p className="conflict-marker" data-testid="details-conflict">
          ⚠ {t('figures.conflict')}
        </p>
      )}
      {group?.figures.map((f) => (
        <DetailsFigure key={f.id} figure={f} label={tc(`metric.${f.metric}`)} />
      ))}
      <Position lon={lon} lat={lat} />
    </>
  );
}

export const figuresLayer: MapLayer<FiguresData> = {
  id: 'figures',
  defaultOn: true,
  entities: ['figure', 'incident'],
  // Incidents only change the shading by incidents; figures only the shading by a figure.
  entitiesFor: (s) => (metricOf(s.options) === 'incidents' ? ['incident'] : ['figure']),
  usesTimeWindow: true,
  defaultOptions: { metric: 'idps' },
  dataKey: (s) =>
    metricOf(s.options) === 'incidents'
      ? `figures:incidents:${s.window.from}:${s.window.to}`
      : `figures:${metricOf(s.options)}:${s.window.to}`,
  async load(state, signal) {
    const metric = metricOf(state.options);
    const period = { from: state.window.from, to: state.window.to };
    if (metric === 'incidents') {
      const [communes, stats] = await Promise.all([
        loadCommunes(),
        incidentsApi.byCommune(period.from, period.to, signal),
      ]);
      const known = new Set(communes.features.map((f) => f.properties.pcode));
      // Reports whose commune is not known (`unknown`) have no commune to shade.
      const values = new Map(
        stats.groups.filter((g) => known.has(g.key) && g.count > 0).map((g) => [g.key, g.count]),
      );
      return {
        metric,
        communes,
        values,
        byCommune: new Map(),
        breaks: breaks([...values.values()]),
        period,
      };
    }
    const [communes, list] = await Promise.all([
      loadCommunes(),
      api.figures({ metric, latest: 1, to: state.window.to }, signal),
    ]);
    const byCommune = new Map<string, FigureGroup>();
    for (const g of groupFigures(
      list.figures.filter((f) => f.place.level === 2 && isAreaFigure(f)),
    )) {
      byCommune.set(g.pcode, g);
    }
    const values = new Map(
      [...byCommune.entries()].flatMap(([pcode, g]) => {
        const f = latest(g);
        return f ? [[pcode, f.value] as const] : [];
      }),
    );
    return { metric, communes, values, byCommune, breaks: breaks([...values.values()]), period };
  },
  install(map) {
    map.addSource('figures-communes', { type: 'geojson', data: EMPTY, promoteId: 'pcode' });
    map.addLayer({
      id: 'figures-fill',
      type: 'fill',
      source: 'figures-communes',
      filter: ['has', 'shade'],
      paint: {
        'fill-color': ['get', 'colour'],
        'fill-opacity': 0.75,
        'fill-outline-color': '#7a848e',
      },
    });
  },
  render(map, data) {
    const features = data.communes.features.flatMap((f) => {
      const value = data.values.get(f.properties.pcode);
      if (value === undefined) return [];
      return [
        {
          ...f,
          properties: {
            pcode: f.properties.pcode,
            value,
            shade: classOf(value, data.breaks),
            colour: SHADES[classOf(value, data.breaks)] ?? SHADES[SHADES.length - 1],
          },
        },
      ];
    });
    (map.getSource('figures-communes') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features,
    } as never);
  },
  styleLayers: ['figures-fill'],
  clickable: ['figures-fill'],
  pick: (f: MapGeoJSONFeature) => (typeof f.id === 'string' ? f.id : null),
  locate: (data, id) =>
    data.communes.features.find((f) => f.properties.pcode === id)?.properties.centroid ?? null,
  Legend,
  List,
  Controls,
  Details,
};
