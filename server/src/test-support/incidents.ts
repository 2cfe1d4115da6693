/** Reports for the incident tests: real places in Port-au-Prince, times near the scenario's now. */
import type { CreateIncidentInput } from '@konbit/core';

/** Cité Soleil (GeoNames populated-place point), in commune HT0117. */
export const CITE_SOLEIL = { lon: -72.33806, lat: 18.58028 };
/** Bel Air (Wikipedia, arc-minute), in commune HT0111 Port-au-Prince. */
export const BEL_AIR = { lon: -72.333, lat: 18.55 };
/** Delmas (GeoNames), in commune HT0112. */
export const DELMAS = { lon: -72.30036, lat: 18.54478 };

/** A point `east` and `north` metres from `from`, on the sphere distanceMetres uses. */
export function offset(
  from: { lon: number; lat: number },
  east: number,
  north = 0,
): { lon: number; lat: number } {
  const perDegree = (6_371_008.8 * Math.PI) / 180;
  return {
    lon: from.lon + east / (perDegree * Math.cos((from.lat * Math.PI) / 180)),
    lat: from.lat + north / perDegree,
  };
}

export function report(over: Partial<CreateIncidentInput> = {}): CreateIncidentInput {
  return {
    type: 'armed-clash',
    occurredAt: '2023-06-07T14:00:00.000Z',
    location: CITE_SOLEIL,
    locationPrecision: 'exact',
    description: 'Échanges de tirs près du marché de Cité-Soleil',
    source: { kind: 'patrol', reliability: 'B', credibility: '2' },
    ...over,
  };
}
