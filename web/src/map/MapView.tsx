/**
 * The map view: MapLibre with no tile server (the base is Haiti's departments and communes from
 * the API; a tile URL may be configured for when online), the layers the user may see, each with
 * its switch, legend, list and details, the time window, and a details panel for what is chosen.
 */
import { missionDay, type LocalDate } from '@konbit/core';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { allowedFor } from '../app/permissions';
import type { ViewProps } from '../app/views';
import { registerStrings } from '../i18n/i18n';
import { loadDepartments } from '../ui/areas';
import { LAND, SEA } from './colours';
import { loadMapEngine } from './engine';
import {
  EMPTY,
  setVisible,
  type LayerState,
  type MapLayer,
  type Selection,
  type Viewport,
} from './layers/layer';
import { LAYERS } from './layers/registry';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';
import { windowEnding, type TimeWindow } from './time-window';
import { TimeWindowControl } from './TimeWindowControl';

registerStrings('map', { en, fr, ht });

/** Port-au-Prince: where the mission's sites are. */
const CENTER: [number, number] = [-72.31, 18.56];

declare global {
  interface Window {
    /** The map, for the browser tests and the console. */
    konbitMap?: MapLibreMap;
  }
}

function baseStyle(tiles: { url: string; attribution: string } | null) {
  return {
    version: 8 as const,
    sources: {
      'base-land': { type: 'geojson' as const, data: EMPTY },
      ...(tiles
        ? {
            'base-tiles': {
              type: 'raster' as const,
              tiles: [tiles.url],
              tileSize: 256,
              attribution: tiles.attribution,
            },
          }
        : {}),
    },
    layers: [
      { id: 'base-sea', type: 'background' as const, paint: { 'background-color': SEA } },
      ...(tiles
        ? [{ id: 'base-tiles', type: 'raster' as const, source: 'base-tiles' }]
        : [
            {
              id: 'base-land',
              type: 'fill' as const,
              source: 'base-land',
              paint: { 'fill-color': LAND },
            },
          ]),
    ],
  };
}

/** The view's bounds, clamped to valid degrees and rounded (so a tiny move reads the same key). */
function viewportOf(m: MapLibreMap): Viewport {
  const b = m.getBounds();
  const r = (v: number, lo: number, hi: number) =>
    Math.round(Math.min(hi, Math.max(lo, v)) * 1e5) / 1e5;
  return {
    bbox: [
      r(b.getWest(), -180, 180),
      r(b.getSouth(), -90, 90),
      r(b.getEast(), -180, 180),
      r(b.getNorth(), -90, 90),
    ],
    zoom: m.getZoom(),
  };
}

/** One layer's data, drawing and side-panel section. */
function LayerSection({
  layer,
  map,
  state,
  on,
  setOn,
  setOption,
  select,
  onData,
}: {
  layer: MapLayer<unknown>;
  map: MapLibreMap | null;
  state: LayerState;
  on: boolean;
  setOn: (on: boolean) => void;
  setOption: (key: string, value: string) => void;
  select: (id: string) => void;
  onData: (data: unknown) => void;
}) {
  const { t } = useTranslation('map');
  const key = on ? layer.dataKey(state) : null;
  const { data, error } = useQuery(
    key === null ? null : `layer:${key}`,
    (signal) => layer.load(state, signal),
    layer.entitiesFor?.(state) ?? layer.entities,
  );

  // The parent makes a new callback each render; only new data should call it.
  const report = useRef(onData);
  report.current = onData;
  useEffect(() => {
    if (data !== undefined) report.current(data);
  }, [data]);

  // Drawn again when the data (named by the key, which covers `state`) or the map changes.
  const current = useRef(state);
  current.current = state;
  useEffect(() => {
    if (map && data !== undefined) layer.render(map, data, current.current);
  }, [map, data, layer]);

  useEffect(() => {
    if (map) setVisible(map, layer, on);
  }, [map, layer, on]);

  const count =
    data && typeof data === 'object' && 'features' in (data as object)
      ? ((data as { features: unknown[] }).features.length ?? 0)
      : data && typeof data === 'object' && 'values' in (data as object)
        ? (data as { values: Map<string, unknown> }).values.size
        : null;

  return (
    <section className="layer" data-testid={`layer-${layer.id}`} data-on={on}>
      <label className="layer-switch">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => setOn(e.target.checked)}
          data-testid={`switch-${layer.id}`}
        />
        <span>{t(`layer.${layer.id}`)}</span>
      </label>
      {on && layer.Controls && <layer.Controls state={state} setOption={setOption} />}
      {on && error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {on && data !== undefined && (
        <>
          <layer.Legend data={data} state={state} />
          {layer.List && (
            <details>
              <summary>{t('list', { count: count ?? 0 })}</summary>
              <layer.List data={data} state={state} select={select} />
            </details>
          )}
        </>
      )}
    </section>
  );
}

export default function MapView({ me }: ViewProps) {
  const { t } = useTranslation('map');
  const layers = LAYERS.filter((l) => allowedFor(l.requires, me)) as readonly MapLayer<unknown>[];
  const health = useQuery('health', () => api.health());
  const today = health.data ? missionDay(new Date(health.data.now)) : null;
  const [timeWindow, setTimeWindow] = useState<TimeWindow | null>(null);
  const [enabled, setEnabled] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(layers.map((l) => [l.id, l.defaultOn])),
  );
  const [options, setOptions] = useState<Record<string, Record<string, string>>>(() =>
    Object.fromEntries(layers.map((l) => [l.id, { ...(l.defaultOptions ?? {}) }])),
  );
  const [selection, setSelection] = useState<Selection | null>(null);
  const data = useRef(new Map<string, unknown>());
  const [, setDataVersion] = useState(0);
  const container = useRef<HTMLDivElement>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);

  useEffect(() => {
    if (today && timeWindow === null) setTimeWindow(windowEnding(today as LocalDate, 7));
  }, [today, timeWindow]);

  // The map itself: created once the engine has loaded.
  useEffect(() => {
    let created: MapLibreMap | null = null;
    let cancelled = false;
    // Background tiles only when configured and online; otherwise the product's own boundaries.
    const config = api.webConfig().catch(() => ({ mapTiles: null }));
    Promise.all([loadMapEngine(), config])
      .then(([maplibre, { mapTiles }]) => {
        if (cancelled || !container.current) return;
        const m = new maplibre.Map({
          container: container.current,
          style: baseStyle(navigator.onLine ? mapTiles : null),
          center: CENTER,
          zoom: 10.5,
          minZoom: 6,
          maxZoom: 17,
          maxBounds: [
            [-75.5, 17.2],
            [-70.5, 20.6],
          ],
          attributionControl: {
            compact: true,
            customAttribution: 'Boundaries: OCHA/CNIGS · Places: GeoNames (CC BY 4.0)',
          },
        });
        created = m;
        m.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
        m.addControl(new maplibre.ScaleControl({ unit: 'metric' }), 'bottom-left');
        m.on('load', () => {
          for (const l of LAYERS) (l as MapLayer<unknown>).install(m);
          void loadDepartments().then((d) =>
            (m.getSource('base-land') as GeoJSONSource | undefined)?.setData(d as never),
          );
          window.konbitMap = m;
          setMap(m);
          setViewport(viewportOf(m));
        });
        // Layers that read by box follow the view once it settles.
        m.on('moveend', () => setViewport(viewportOf(m)));
        m.on('error', (e) => console.warn('map:', e.error?.message ?? e));
      })
      .catch((err: unknown) => setFailure((err as Error).message));
    return () => {
      cancelled = true;
      created?.remove();
      if (window.konbitMap === created) delete window.konbitMap;
      setMap(null);
    };
  }, []);

  // Clicks go to the top-most visible layer with a feature under the pointer.
  useEffect(() => {
    if (!map) return;
    const visible = () => [...layers].reverse().filter((l) => enabled[l.id]);
    const onClick = (e: { point: { x: number; y: number } }) => {
      for (const l of visible()) {
        const layerIds = l.clickable.filter((id) => map.getLayer(id));
        const [hit] = map.queryRenderedFeatures([e.point.x, e.point.y], { layers: layerIds });
        const id = hit ? l.pick(hit) : null;
        if (id !== null) {
          setSelection({ layer: l.id, id });
          return;
        }
      }
      setSelection(null);
    };
    const onMove = (e: { point: { x: number; y: number } }) => {
      const ids = visible().flatMap((l) => l.clickable.filter((id) => map.getLayer(id)));
      const over = map.queryRenderedFeatures([e.point.x, e.point.y], { layers: ids }).length > 0;
      map.getCanvas().style.cursor = over ? 'pointer' : '';
    };
    map.on('click', onClick);
    map.on('mousemove', onMove);
    return () => {
      map.off('click', onClick);
      map.off('mousemove', onMove);
    };
  }, [map, layers, enabled]);

  const selectFrom = useCallback(
    (layer: MapLayer<unknown>) => (id: string) => {
      setSelection({ layer: layer.id, id });
      const d = data.current.get(layer.id);
      const at = d === undefined ? null : layer.locate(d, id);
      if (map && at) map.easeTo({ center: [at[0], at[1]], zoom: Math.max(map.getZoom(), 11) });
    },
    [map],
  );

  useEffect(() => {
    if (selection) detailsHeading.current?.focus();
  }, [selection]);

  const onData = useCallback(
    (layerId: string) => (d: unknown) => {
      data.current.set(layerId, d);
      setDataVersion((v) => v + 1);
    },
    [],
  );

  const selectedLayer = selection ? layers.find((l) => l.id === selection.layer) : undefined;
  const selectedData = selectedLayer ? data.current.get(selectedLayer.id) : undefined;

  return (
    <section className="map-view" aria-labelledby="map-title">
      <h1 id="map-title" className="visually-hidden">
        {t('title')}
      </h1>
      <div className="map-frame">
        <div
          ref={container}
          className="map-canvas"
          data-testid="map"
          data-ready={map !== null}
          role="region"
          aria-label={t('title')}
        />
        {!map && !failure && (
          <p className="map-message" role="status">
            {t('loading')}
          </p>
        )}
        {failure && (
          <p className="map-message error" role="alert">
            {/webgl/i.test(failure) ? t('noWebgl') : t('failed', { message: failure })}
          </p>
        )}
      </div>
      <div className="map-side">
        {timeWindow && today && (
          <TimeWindowControl
            value={timeWindow}
            last={today as LocalDate}
            onChange={setTimeWindow}
          />
        )}
        <section aria-labelledby="layers-title" className="layers">
          <h2 id="layers-title">{t('layers')}</h2>
          {timeWindow &&
            layers.map((l) => (
              <LayerSection
                key={l.id}
                layer={l}
                map={map}
                state={{ me, window: timeWindow, viewport, options: options[l.id] ?? {} }}
                on={enabled[l.id] ?? false}
                setOn={(on) => setEnabled((e) => ({ ...e, [l.id]: on }))}
                setOption={(k, v) =>
                  setOptions((o) => ({ ...o, [l.id]: { ...(o[l.id] ?? {}), [k]: v } }))
                }
                select={selectFrom(l)}
                onData={onData(l.id)}
              />
            ))}
        </section>
      </div>
      <aside
        className={`details${selection ? ' open' : ''}`}
        aria-labelledby="details-heading"
        data-testid="details"
      >
        <div className="details-head">
          <h2 id="details-heading" ref={detailsHeading} tabIndex={-1}>
            {t('details.title')}
          </h2>
          {selection && (
            <button type="button" className="secondary" onClick={() => setSelection(null)}>
              {t('details.close')}
            </button>
          )}
        </div>
        {selection && selectedLayer && selectedData !== undefined && timeWindow ? (
          <div data-layer={selection.layer} data-id={selection.id} data-testid="details-body">
            <selectedLayer.Details
              data={selectedData}
              id={selection.id}
              state={{
                me,
                window: timeWindow,
                viewport,
                options: options[selectedLayer.id] ?? {},
              }}
            />
          </div>
        ) : (
          <p className="hint">{t('details.empty')}</p>
        )}
      </aside>
    </section>
  );
}
