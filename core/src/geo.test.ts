import { describe, expect, it } from 'vitest';
import { bbox, CoordinateError, distanceMetres, lonLat, parseBBox } from './geo.js';

describe('coordinates', () => {
  it('rejects a latitude out of range, naming it', () => {
    expect(() => lonLat(-72.3, 95)).toThrowError(/Latitude/);
    try {
      lonLat(-200, 18);
    } catch (e) {
      expect(e).toBeInstanceOf(CoordinateError);
      expect((e as CoordinateError).field).toBe('lon');
    }
  });

  it('rejects a box whose edges are swapped', () => {
    expect(() => bbox(-72.2, 18.5, -72.4, 18.6)).toThrowError(/west edge/);
    expect(() => bbox(-72.4, 18.6, -72.2, 18.5)).toThrowError(/south edge/);
  });

  it('parses w,s,e,n and refuses other shapes', () => {
    expect(parseBBox('-72.4,18.5,-72.2,18.6')).toEqual([-72.4, 18.5, -72.2, 18.6]);
    expect(() => parseBBox('-72.4,18.5,-72.2')).toThrowError(/four numbers/);
    expect(() => parseBBox('a,b,c,d')).toThrowError(/four numbers/);
  });

  it('measures the airport to the port at about 6.6 km', () => {
    const airport = lonLat(-72.2925, 18.58);
    const port = lonLat(-72.350383, 18.556943);
    expect(distanceMetres(airport, port)).toBeGreaterThan(6_500);
    expect(distanceMetres(airport, port)).toBeLessThan(6_700);
  });
});
