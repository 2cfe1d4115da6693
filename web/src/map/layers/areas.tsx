/** Departments and communes: outlines, and a commune's details on click. */
import type { MapGeoJSONFeature, Map as MapLibreMap, GeoJSONSource } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import type { AreaCollection } from '../../api/client';
import { loadCommunes, loadDepartments } from '../../ui/areas';
import { Position } from '../../ui/format';
import { COMMUNE_LINE, DEPARTMENT_LINE } from '../colours';
import { EMPTY, type LayerProps, type MapLayer } from './layer';

interface AreasData {
  readonly departments: AreaCollection;
  readonly communes: AreaCollection;
}

function communeById(data: AreasData, id: string) {
  return data.communes.features.find((f) => f.properties.pcode === id);
}

function Legend() {
  const { t } = useTranslation('map');
  return (
    <ul className="legend">
      <li>
        <span className="swatch line" style={{ borderColor: DEPARTMENT_LINE }} />
        {t('areas.outline')}
      </li>
      <li>
        <span className="swatch line thin" style={{ borderColor: COMMUNE_LINE }} />
        {t('areas.communeOutline')}
      </li>
    </ul>
  );
}

function Details({ data, id }: LayerProps<AreasData> & { id: string }) {
  const { t } = useTranslation('map');
  const commune = communeById(data, id);
  if (!commune) return null;
  const department = data.departments.features.find(
    (d) => d.properties.pcode === commune.properties.parent,
  );
  const [lon, lat] = commune.properties.centroid;
  return (
    <>
      <h3 data-testid="details-title">{commune.properties.name}</h3>
      <dl>
        <dt>{t('areas.pcode')}</dt>
        <dd data-testid="details-pcode">{commune.properties.pcode}</dd>
        <dt>{t('areas.department')}</dt>
        <dd>{department?.properties.name ?? commune.properties.parent}</dd>
      </dl>
      <Position lon={lon} lat={lat} />
    </>
  );
}

export const areasLayer: MapLayer<AreasData> = {
  id: 'areas',
  defaultOn: true,
  entities: [],
  usesTimeWindow: false,
  dataKey: () => 'areas',
  async load() {
    const [departments, communes] = await Promise.all([loadDepartments(), loadCommunes()]);
    return { departments, communes };
  },
  install(map: MapLibreMap) {
    map.addSource('areas-departments', { type: 'geojson', data: EMPTY });
    map.addSource('areas-communes', { type: 'geojson', data: EMPTY, promoteId: 'pcode' });
    // A transparent fill makes a commune clickable anywhere inside it.
    map.addLayer({
      id: 'areas-commune-hit',
      type: 'fill',
      source: 'areas-communes',
      paint: { 'fill-color': '#000', 'fill-opacity': 0 },
    });
    map.addLayer({
      id: 'areas-commune-line',
      type: 'line',
      source: 'areas-communes',
      paint: { 'line-color': COMMUNE_LINE, 'line-width': 0.6 },
    });
    map.addLayer({
      id: 'areas-department-line',
      type: 'line',
      source: 'areas-departments',
      paint: { 'line-color': DEPARTMENT_LINE, 'line-width': 1.4 },
    });
  },
  render(map, data) {
    (map.getSource('areas-departments') as GeoJSONSource).setData(data.departments as never);
    (map.getSource('areas-communes') as GeoJSONSource).setData(data.communes as never);
  },
  styleLayers: ['areas-commune-hit', 'areas-commune-line', 'areas-department-line'],
  clickable: ['areas-commune-hit'],
  pick: (f: MapGeoJSONFeature) => (typeof f.id === 'string' ? f.id : null),
  locate: (data, id) => communeById(data, id)?.properties.centroid ?? null,
  Legend,
  Details,
};
