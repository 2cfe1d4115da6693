/**
 * A small map to tap a point on (the report form's "tap on the map"). It loads the map engine
 * only when shown, draws the departments and communes, and marks the chosen point.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadCommunes, loadDepartments } from '../ui/areas';
import { COMMUNE_LINE, DEPARTMENT_LINE, KEY_SITE, LAND, SEA } from './colours';
import { loadMapEngine } from './engine';
import { EMPTY } from './layers/layer';

export default function PointPicker({
  value,
  onPick,
  label,
}: {
  value: readonly [number, number] | null;
  onPick: (lonLat: [number, number]) => void;
  label: string;
}) {
  const { t } = useTranslation('map');
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    let created: MapLibreMap | null = null;
    let cancelled = false;
    loadMapEngine()
      .then((maplibre) => {
        if (cancelled || !container.current) return;
        const m = new maplibre.Map({
          container: container.current,
          center: value ? [value[0], value[1]] : [-72.31, 18.56],
          zoom: value ? 14 : 11,
          attributionControl: false,
          style: {
            version: 8,
            sources: {
              land: { type: 'geojson', data: EMPTY },
              communes: { type: 'geojson', data: EMPTY },
              point: { type: 'geojson', data: EMPTY },
            },
            layers: [
              { id: 'sea', type: 'background', paint: { 'background-color': SEA } },
              { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': LAND } },
              {
                id: 'communes',
                type: 'line',
                source: 'communes',
                paint: { 'line-color': COMMUNE_LINE, 'line-width': 0.8 },
              },
              {
                id: 'departments',
                type: 'line',
                source: 'land',
                paint: { 'line-color': DEPARTMENT_LINE, 'line-width': 1.4 },
              },
              {
                id: 'point',
                type: 'circle',
                source: 'point',
                paint: {
                  'circle-radius': 9,
                  'circle-color': KEY_SITE,
                  'circle-stroke-color': '#fff',
                  'circle-stroke-width': 3,
                },
              },
            ],
          },
        });
        created = m;
        m.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
        m.on('load', () => {
          void loadDepartments().then((d) =>
            (m.getSource('land') as GeoJSONSource).setData(d as never),
          );
          void loadCommunes().then((d) =>
            (m.getSource('communes') as GeoJSONSource).setData(d as never),
          );
          setMap(m);
        });
        m.on('click', (e) => pick.current([e.lngLat.lng, e.lngLat.lat]));
      })
      .catch((err: unknown) => setFailure((err as Error).message));
    return () => {
      cancelled = true;
      created?.remove();
    };
    // The initial centre only; later values move the marker, not the map.
  }, []);

  useEffect(() => {
    const source = map?.getSource('point') as GeoJSONSource | undefined;
    source?.setData(
      value
        ? {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Point', coordinates: [value[0], value[1]] },
          }
        : EMPTY,
    );
  }, [map, value]);

  return (
    <div className="point-picker">
      <div
        ref={container}
        className="point-picker-map"
        role="region"
        aria-label={label}
        data-testid="point-picker"
        data-ready={map !== null}
      />
      {!map && !failure && (
        <p className="map-message" role="status">
          {t('loading')}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {t('failed', { message: failure })}
        </p>
      )}
    </div>
  );
}
