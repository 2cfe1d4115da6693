/**
 * Map coordinates. `LonLat` and `BBox` are branded so a screen point or a swapped
 * latitude/longitude pair cannot be passed where a checked map coordinate is expected.
 */
import type { Brand } from './ids.js';

/** A WGS 84 position in GeoJSON order: longitude first. */
export type LonLat = Brand<readonly [lon: number, lat: number], 'LonLat'>;
/** A WGS 84 box: west, south, east, north. */
export type BBox = Brand<readonly [w: number, s: number, e: number, n: number], 'BBox'>;

export class CoordinateError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'CoordinateError';
  }
}

/** Checks ranges and returns a `LonLat`; throws `CoordinateError` naming the bad value. */
export function lonLat(lon: number, lat: number): LonLat {
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) {
    throw new CoordinateError(`Longitude must be between -180 and 180, got ${lon}`, 'lon');
  }
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new CoordinateError(`Latitude must be between -90 and 90, got ${lat}`, 'lat');
  }
  return [lon, lat] as const as LonLat;
}

/** Checks ranges and order (west < east, south < north) and returns a `BBox`. */
export function bbox(w: number, s: number, e: number, n: number): BBox {
  lonLat(w, s);
  lonLat(e, n);
  if (w >= e) throw new CoordinateError('The west edge must be less than the east edge', 'bbox');
  if (s >= n) throw new CoordinateError('The south edge must be less than the north edge', 'bbox');
  return [w, s, e, n] as const as BBox;
}

/** Parses `w,s,e,n` as written in a query string. */
export function parseBBox(text: string): BBox {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((p) => Number.isNaN(p))) {
    throw new CoordinateError('bbox must be four numbers: west,south,east,north', 'bbox');
  }
  const [w, s, e, n] = parts as [number, number, number, number];
  return bbox(w, s, e, n);
}

/** Great-circle distance in metres (haversine on a sphere of the WGS 84 mean radius). */
export function distanceMetres(a: LonLat, b: LonLat): number {
  const R = 6_371_008.8;
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
