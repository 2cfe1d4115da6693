import { PlaceProperties } from '@konbit/core';
import { describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, testAreas, useTestApp } from '../test-support/context.js';
import { parseCsv } from './places.js';

interface PlaceFeature {
  id: string;
  properties: PlaceProperties;
  geometry: { type: string; coordinates: [number, number] };
}

describe('the gazetteer of places', () => {
  const places = testAreas().places();

  it('holds the 109 GeoNames populated places and the key sites with coordinates', () => {
    expect(places.filter((p) => p.kind === 'populated-place')).toHaveLength(109);
    const keyIds = places.filter((p) => p.kind !== 'populated-place').map((p) => p.id);
    expect(keyIds.sort()).toEqual([
      'nbh-bel-air',
      'poi-apn-port',
      'poi-cap-airport',
      'poi-lafito',
      'poi-pap-airport',
    ]);
  });

  it('places each in its commune from the boundaries, not from the source file', () => {
    const byId = new Map(places.map((p) => [p.id, p]));
    expect(byId.get('poi-pap-airport')).toMatchObject({ kind: 'airport', pcode: 'HT0118' });
    expect(byId.get('poi-pap-airport')?.commune).toBe('Tabarre');
    expect(byId.get('poi-apn-port')).toMatchObject({ kind: 'seaport', pcode: 'HT0111' });
    expect(byId.get('geonames-ouest-cite-soleil')).toMatchObject({
      name: 'Cité Soleil',
      pcode: 'HT0117',
    });
  });

  it('leaves out rows that need geocoding and events such as epicentres', () => {
    const ids = places.map((p) => p.id);
    for (const missing of ['poi-varreux', 'poi-hueh', 'nbh-martissant', 'evt-eq-2023-06-06']) {
      expect(ids).not.toContain(missing);
    }
  });

  it('parses quoted CSV cells with commas and doubled quotes', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\r\n\n1,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['1', ''],
    ]);
  });
});

describe('GET /api/v1/places', () => {
  const t = useTestApp();
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('returns every place as a GeoJSON point with its commune and source', async () => {
    const res = await get('/api/v1/places');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(res.headers['cache-control']).toMatch(/public/);
    const features = res.json().features as PlaceFeature[];
    expect(features).toHaveLength(testAreas().places().length);
    for (const f of features) expect(PlaceProperties.safeParse(f.properties).success).toBe(true);
    const airport = features.find((f) => f.id === 'poi-pap-airport');
    expect(airport?.geometry).toEqual({ type: 'Point', coordinates: [-72.2925, 18.58] });
    expect(airport?.properties.source.url).toMatch(/wikipedia/);
  });

  it('filters by kind', async () => {
    const res = await get('/api/v1/places?kinds=airport,seaport');
    const features = res.json().features as PlaceFeature[];
    expect(features.map((f) => f.id).sort()).toEqual([
      'poi-apn-port',
      'poi-cap-airport',
      'poi-lafito',
      'poi-pap-airport',
    ]);
  });

  it('is public reference data: the same answer signed in or not', async () => {
    const people = await seedPeople(t.ctx, ['contingent']);
    const headers = bearer(await signIn(t.app, people.contingent.email));
    const signedIn = await get('/api/v1/places', headers);
    const anonymous = await get('/api/v1/places');
    expect(signedIn.body).toBe(anonymous.body);
  });

  it('refuses an unknown kind with 400 naming the parameter', async () => {
    const res = await get('/api/v1/places?kinds=airport,castle');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ValidationFailed');
    expect(res.json().error.field).toMatch(/^kinds/);
  });
});
