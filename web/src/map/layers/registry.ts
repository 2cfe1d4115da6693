/**
 * The map's layers, bottom to top; a click goes to the top-most layer with a feature there. Critical sites, incidents, IDP sites, hazards and access
 * constraints are added here as their APIs land: one module each.
 */
import { areasLayer } from './areas';
import { figuresLayer } from './figures';
import type { MapLayer } from './layer';
import { placesLayer } from './places';

export const LAYERS: readonly MapLayer<never>[] = [
  areasLayer,
  figuresLayer,
  placesLayer,
] as unknown as readonly MapLayer<never>[];
