/**
 * The map's layers, bottom to top; a click goes to the top-most layer with a feature there:
 * areas and shading first, then hazards and access constraints, places, and the records people
 * act on (IDP sites, critical sites, incidents) on top. One module each.
 */
import { accessLayer } from './access';
import { areasLayer } from './areas';
import { figuresLayer } from './figures';
import { hazardsLayer } from './hazards';
import { idpSitesLayer } from './idp-sites';
import { incidentsLayer } from './incidents';
import type { MapLayer } from './layer';
import { placesLayer } from './places';
import { sitesLayer } from './sites';

export const LAYERS: readonly MapLayer<never>[] = [
  areasLayer,
  figuresLayer,
  hazardsLayer,
  accessLayer,
  placesLayer,
  idpSitesLayer,
  sitesLayer,
  incidentsLayer,
] as unknown as readonly MapLayer<never>[];
