/**
 * Hazard events under way in the time window: the areas they affect (communes or departments)
 * tinted, and an earthquake's epicentre marked. Details: type, dates, magnitude, the affected
 * areas, the sources and the figures linked to the event (`/api/v1/hazards/:id`).
 */
import type { HazardEvent } from '@konbit/core';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import type { AreaCollection } from '../../api/client';
import { humanitarianMapApi } from '../../api/humanitarian-map';
import { useQuery } from '../../api/useQuery';
import { loadCommunes, loadDepartments } from '../../ui/areas';
import { Position, Source, Time } from '../../ui/format';
import { HAZARD } from '../colours';
import { DetailsFigure, Pending } from './details';
import { EMPTY, type LayerProps, type MapLayer } from './layer';

export interface HazardsData {
  readonly features: readonly HazardEvent[];
  readonly departments: AreaCollection;
  readonly communes: AreaCollection;
}

function byId(data: HazardsData, id: string) {
  return data.features.find((h) => h.id === id);
}

function Legend() {
  const { t } = useTranslation('map');
  return (
    <ul className="legend" data-testid="legend-hazards">
      <li>
        <span className="swatch" style={{ background: HAZARD, opacity: 0.35 }} />
        {t('hazards.affected')}
      </li>
      <li>
        <span className="swatch dot big" style={{ background: HAZARD }} />
        {t('hazards.epicentre')}
      </li>
    </ul>
  );
}

function List({ data, select }: LayerProps<HazardsData> & { select: (id: string) => void }) {
  const { t } = useTranslation('map');
  return (
    <ul className="feature-list" data-testid="list-hazards">
      {data.features.map((h) => (
        <li key={h.id} data-id={h.id} data-type={h.type}>
          <button type="button" className="link" onClick={() => select(h.id)}>
            {h.name}
          </button>{' '}
          <span className="hint">
            {t(`hazards.type.${h.type}`)}
            {h.magnitude !== null && (
              <>
                {' '}
                · {h.magnitude} {h.magnitudeScale ?? ''}
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

function LinkedFigures({ id }: { id: string }) {
  const { t } = useTranslation('map');
  const { t: tc } = useTranslation();
  const detail = useQuery(`hazard:${id}`, (signal) => humanitarianMapApi.hazard(id, signal), [
    'hazard-event',
    'figure',
  ]);
  if (detail.error || !detail.data) return <Pending query={detail} />;
  if (detail.data.figures.length === 0) return <p className="hint">{t('hazards.noFigures')}</p>;
  return (
    <>
      <h4>{t('hazards.figures')}</h4>
      {detail.data.figures.map((f) => (
        <DetailsFigure key={f.id} figure={f} label={tc(`metric.${f.metric}`)}>
          {f.conflict && <span title={t('figures.conflict')}> ⚠</span>}
        </DetailsFigure>
      ))}
    </>
  );
}

function Details({ data, id }: LayerProps<HazardsData> & { id: string }) {
  const { t } = useTranslation('map');
  const hazard = byId(data, id);
  if (!hazard) return null;
  return (
    <>
      <h3 data-testid="details-title">{hazard.name}</h3>
      <dl>
        <dt>{t('hazards.typeLabel')}</dt>
        <dd>{t(`hazards.type.${hazard.type}`)}</dd>
        <dt>{t('hazards.started')}</dt>
        <dd>
          <Time value={hazard.startedAt} />
        </dd>
        <dt>{t('hazards.ended')}</dt>
        <dd>{hazard.endedAt ? <Time value={hazard.endedAt} /> : t('hazards.ongoing')}</dd>
        {hazard.magnitude !== null && (
          <>
            <dt>{t('hazards.magnitude')}</dt>
            <dd data-testid="details-magnitude">
              {hazard.magnitude} {hazard.magnitudeScale ?? ''}
              {hazard.depthKm !== null && <> · {t('hazards.depth', { km: hazard.depthKm })}</>}
            </dd>
          </>
        )}
        <dt>{t('hazards.affectedLabel')}</dt>
        <dd data-testid="details-affected">
          {hazard.affected.map((a) => `${a.name} (${a.pcode})`).join(', ') || '—'}
        </dd>
      </dl>
      {hazard.description && <p>{hazard.description}</p>}
      {hazard.epicentre && (
        <>
          <h4>{t('hazards.epicentre')}</h4>
          {!hazard.epicentre.onLand && <p className="hint">{t('hazards.offshore')}</p>}
          <Position lon={hazard.epicentre.position[0]} lat={hazard.epicentre.position[1]} />
        </>
      )}
      <h4>{t('details.sources')}</h4>
      {hazard.sources.map((s) => (
        <Source key={`${s.organisation}-${s.title}`} source={s} />
      ))}
      <LinkedFigures id={id} />
    </>
  );
}

/** The outline of an affected area, from the boundaries (departments or communes). */
function areaGeometry(data: HazardsData, pcode: string) {
  const collection = pcode.length === 4 ? data.departments : data.communes;
  return collection.features.find((f) => f.properties.pcode === pcode)?.geometry ?? null;
}

export const hazardsLayer: MapLayer<HazardsData> = {
  id: 'hazards',
  // Affected areas are whole departments at times: shown when asked for.
  defaultOn: false,
  entities: ['hazard-event'],
  usesTimeWindow: true,
  dataKey: (s) => `hazards:${s.window.from}:${s.window.to}`,
  async load(state, signal) {
    const [list, departments, communes] = await Promise.all([
      humanitarianMapApi.hazards(state.window.from, state.window.to, signal),
      loadDepartments(),
      loadCommunes(),
    ]);
    return { features: list.hazards, departments, communes };
  },
  install(map) {
    map.addSource('hazards-areas', { type: 'geojson', data: EMPTY });
    map.addSource('hazards-epicentres', { type: 'geojson', data: EMPTY, promoteId: 'id' });
    map.addLayer({
      id: 'hazards-area-fill',
      type: 'fill',
      source: 'hazards-areas',
      paint: { 'fill-color': HAZARD, 'fill-opacity': 0.25, 'fill-outline-color': HAZARD },
    });
    map.addLayer({
      id: 'hazards-epicentre',
      type: 'circle',
      source: 'hazards-epicentres',
      paint: {
        'circle-radius': 9,
        'circle-color': HAZARD,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    });
  },
  render(map, data) {
    const areas = data.features.flatMap((h) =>
      h.affected.flatMap((a) => {
        const geometry = areaGeometry(data, a.pcode);
        return geometry
          ? [{ type: 'Feature', geometry, properties: { id: h.id, pcode: a.pcode, type: h.type } }]
          : [];
      }),
    );
    (map.getSource('hazards-areas') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: areas,
    } as never);
    (map.getSource('hazards-epicentres') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: data.features.flatMap((h) =>
        h.epicentre
          ? [
              {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: h.epicentre.position },
                properties: { id: h.id, type: h.type, magnitude: h.magnitude },
              },
            ]
          : [],
      ),
    } as never);
  },
  styleLayers: ['hazards-area-fill', 'hazards-epicentre'],
  clickable: ['hazards-epicentre', 'hazards-area-fill'],
  pick: (f: MapGeoJSONFeature) => {
    const id = (f.properties as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  },
  locate(data, id) {
    const h = byId(data, id);
    if (!h) return null;
    if (h.epicentre) return h.epicentre.position;
    const first = h.affected[0];
    const area = first
      ? [...data.departments.features, ...data.communes.features].find(
          (f) => f.properties.pcode === first.pcode,
        )
      : undefined;
    return area?.properties.centroid ?? null;
  },
  Legend,
  List,
  Details,
};
