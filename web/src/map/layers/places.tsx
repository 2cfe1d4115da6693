/** Places: populated places (GeoNames) and key sites (airports, seaports, neighbourhoods). */
import type { PlaceProperties } from '@konbit/core';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import type { PlaceCollection } from '../../api/client';
import { loadPlaces } from '../../ui/areas';
import { Position, Source } from '../../ui/format';
import { KEY_SITE, PLACE } from '../colours';
import { EMPTY, type LayerProps, type MapLayer } from './layer';

type PlaceFeature = PlaceCollection['features'][number];

function byId(data: PlaceCollection, id: string): PlaceFeature | undefined {
  return data.features.find((f) => f.properties.id === id);
}

function coordinates(f: PlaceFeature): readonly [number, number] | null {
  const c = f.geometry.coordinates;
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number'
    ? [c[0], c[1]]
    : null;
}

const isKey = (p: PlaceProperties) => p.kind !== 'populated-place';

function Legend() {
  const { t } = useTranslation('map');
  return (
    <ul className="legend">
      <li>
        <span className="swatch dot big" style={{ background: KEY_SITE }} />
        {t('places.keySites')}
      </li>
      <li>
        <span className="swatch dot" style={{ background: PLACE }} />
        {t('places.kind.populated-place')}
      </li>
    </ul>
  );
}

function List({ data, select }: LayerProps<PlaceCollection> & { select: (id: string) => void }) {
  const { t } = useTranslation('map');
  const sorted = [...data.features].sort(
    (a, b) =>
      Number(isKey(b.properties)) - Number(isKey(a.properties)) ||
      a.properties.name.localeCompare(b.properties.name),
  );
  return (
    <ul className="feature-list" data-testid="list-places">
      {sorted.map((f) => (
        <li key={f.properties.id} data-id={f.properties.id} data-kind={f.properties.kind}>
          <button type="button" className="link" onClick={() => select(f.properties.id)}>
            {f.properties.name}
          </button>{' '}
          <span className="hint">{t(`places.kind.${f.properties.kind}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function Details({ data, id }: LayerProps<PlaceCollection> & { id: string }) {
  const { t } = useTranslation('map');
  const place = byId(data, id);
  if (!place) return null;
  const p = place.properties;
  const at = coordinates(place);
  return (
    <>
      <h3 data-testid="details-title">{p.name}</h3>
      <dl>
        <dt>{t('places.kindLabel')}</dt>
        <dd data-testid="details-kind">{t(`places.kind.${p.kind}`)}</dd>
        <dt>{t('places.commune')}</dt>
        <dd data-testid="details-pcode">{p.commune ? `${p.commune} (${p.pcode})` : '—'}</dd>
        <dt>{t('places.precision')}</dt>
        <dd>{p.precision}</dd>
      </dl>
      {at && <Position lon={at[0]} lat={at[1]} />}
      <Source source={{ title: p.source.title, url: p.source.url, note: p.source.note }} />
    </>
  );
}

export const placesLayer: MapLayer<PlaceCollection> = {
  id: 'places',
  defaultOn: true,
  entities: [],
  usesTimeWindow: false,
  dataKey: () => 'places',
  load: () => loadPlaces(),
  install(map) {
    map.addSource('places', { type: 'geojson', data: EMPTY, promoteId: 'id' });
    map.addLayer({
      id: 'places-populated',
      type: 'circle',
      source: 'places',
      filter: ['==', ['get', 'kind'], 'populated-place'],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 2.5, 12, 5],
        'circle-color': PLACE,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1,
      },
    });
    map.addLayer({
      id: 'places-key',
      type: 'circle',
      source: 'places',
      filter: ['!=', ['get', 'kind'], 'populated-place'],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 5, 12, 9],
        'circle-color': KEY_SITE,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    });
  },
  render(map, data) {
    (map.getSource('places') as GeoJSONSource).setData(data as never);
  },
  styleLayers: ['places-populated', 'places-key'],
  clickable: ['places-key', 'places-populated'],
  pick: (f: MapGeoJSONFeature) => (typeof f.id === 'string' ? f.id : null),
  locate: (data, id) => {
    const f = byId(data, id);
    return f ? coordinates(f) : null;
  },
  Legend,
  List,
  Details,
};
