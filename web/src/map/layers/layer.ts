/**
 * A map layer is one small module: where its data comes from, how it is drawn (MapLibre
 * sources and style layers), its legend, its switch, an accessible list of what it draws, and
 * the details a click opens. The map view hosts every layer the user's permissions allow and
 * refreshes a layer when the live feed brings a record of one of its entities.
 */
import type { Me } from '@konbit/core';
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { ReactNode } from 'react';
import type { TimeWindow } from '../time-window';

/** What the map shows: its bounds (west, south, east, north) and zoom. */
export interface Viewport {
  readonly bbox: readonly [number, number, number, number];
  readonly zoom: number;
}

/** What a layer's data depends on besides itself. */
export interface LayerState {
  readonly me: Me;
  readonly window: TimeWindow;
  /** Null until the map has drawn; layers that read by box wait for it. */
  readonly viewport: Viewport | null;
  /** The layer's own options (such as the figure a choropleth shows), from its controls. */
  readonly options: Readonly<Record<string, string>>;
}

/** A feature chosen on the map or in a list. */
export interface Selection {
  readonly layer: string;
  readonly id: string;
}

export interface LayerProps<D> {
  readonly data: D;
  readonly state: LayerState;
}

export interface MapLayer<D = unknown> {
  readonly id: string;
  /** Permissions (any of them) a user needs to see this layer. */
  readonly requires?: readonly string[];
  readonly defaultOn: boolean;
  /** Live-feed entities whose records change what this layer draws. */
  readonly entities: readonly string[];
  /** The entities for these options, when they depend on them (default: `entities`). */
  entitiesFor?(state: LayerState): readonly string[];
  /** True when the time window changes the data. */
  readonly usesTimeWindow: boolean;
  readonly defaultOptions?: Readonly<Record<string, string>>;
  /** Identifies the data for `state`: a new key means a new fetch. */
  dataKey(state: LayerState): string;
  load(state: LayerState, signal: AbortSignal): Promise<D>;
  /** Adds the layer's sources and style layers, hidden and empty; called once per map. */
  install(map: MapLibreMap): void;
  /** Draws `data`. */
  render(map: MapLibreMap, data: D, state: LayerState): void;
  /** Style layer ids, for visibility and for clicks (top-most first). */
  readonly styleLayers: readonly string[];
  readonly clickable: readonly string[];
  /** The id of a clicked feature in this layer's terms, or null. */
  pick(feature: MapGeoJSONFeature): string | null;
  /** Where a selected feature is, to bring it into view. */
  locate(data: D, id: string): readonly [number, number] | null;
  Legend(props: LayerProps<D>): ReactNode;
  /** An accessible list of what the layer draws; choosing an item selects it. */
  List?(props: LayerProps<D> & { select: (id: string) => void }): ReactNode;
  /** Controls of the layer's options. */
  Controls?(props: {
    state: LayerState;
    setOption: (key: string, value: string) => void;
  }): ReactNode;
  Details(props: LayerProps<D> & { id: string }): ReactNode;
}

/** Shows or hides every style layer of `layer`. */
export function setVisible(map: MapLibreMap, layer: MapLayer, visible: boolean): void {
  for (const id of layer.styleLayers) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}

export const EMPTY = { type: 'FeatureCollection' as const, features: [] };
