import { lonLat } from '@konbit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../http/api.js';
import { testApp, testAreas, testContext, type TestContext } from '../test-support/context.js';

describe('areas from the boundaries', () => {
  const areas = testAreas();

  it('has the country, 10 departments and 140 communes', () => {
    expect(areas.get('HT')?.level).toBe(0);
    expect(areas.list(1)).toHaveLength(10);
    expect(areas.list(2)).toHaveLength(140);
  });

  it('uses the real P-codes (HT0117 is Cité Soleil, HT0131 Croix-des-Bouquets, HT05 Artibonite)', () => {
    expect(areas.get('HT0117')?.name).toBe('Cité Soleil');
    expect(areas.get('HT0131')?.name).toMatch(/^Croix-des-Bouquets$/i);
    expect(areas.get('HT0118')?.name).toBe('Tabarre');
    expect(areas.get('HT05')?.name).toBe('Artibonite');
    expect(areas.get('HT0117')?.parent).toBe('HT01');
  });

  it('places the airport in Tabarre and the port in Port-au-Prince', () => {
    expect(areas.locate(lonLat(-72.2925, 18.58))?.commune.pcode).toBe('HT0118');
    expect(areas.locate(lonLat(-72.350383, 18.556943))?.commune.pcode).toBe('HT0111');
    expect(areas.locate(lonLat(-72.2925, 18.58))?.department.pcode).toBe('HT01');
  });

  it('finds no commune at sea or abroad', () => {
    // The 2023-06-06 epicentre is offshore between Abricots and Jérémie.
    expect(areas.locate(lonLat(-74.235, 18.702))).toBeNull();
    expect(areas.locate(lonLat(-69.9, 18.47))).toBeNull(); // Santo Domingo
  });

  it('keeps every commune centroid inside its own commune', () => {
    for (const commune of areas.list(2)) {
      expect(areas.locate(commune.centroid)?.commune.pcode, commune.name).toBe(commune.pcode);
    }
  });
});

describe('GET /api/v1/areas', () => {
  let ctx: TestContext;
  let app: Api;
  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('returns departments and communes as GeoJSON', async () => {
    const adm1 = await app.inject({ method: 'GET', url: '/api/v1/areas?level=1' });
    expect(adm1.statusCode).toBe(200);
    expect(adm1.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(adm1.json().features).toHaveLength(10);
    const adm2 = (await app.inject({ method: 'GET', url: '/api/v1/areas?level=2' })).json();
    expect(adm2.features).toHaveLength(140);
    expect(adm2.features.find((f: { id: string }) => f.id === 'HT0117').properties).toMatchObject({
      name: 'Cité Soleil',
      parent: 'HT01',
      level: 2,
    });
  });

  it('locates a point, and answers 404 OutsideHaiti at sea', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: '/api/v1/areas/locate?lon=-72.2925&lat=18.58',
    });
    expect(ok.json()).toEqual({
      commune: { pcode: 'HT0118', name: 'Tabarre' },
      department: { pcode: 'HT01', name: 'Ouest' },
    });
    const sea = await app.inject({
      method: 'GET',
      url: '/api/v1/areas/locate?lon=-74.235&lat=18.702',
    });
    expect(sea.statusCode).toBe(404);
    expect(sea.json().error.code).toBe('OutsideHaiti');
  });

  it('refuses a missing level or a latitude out of range with 400', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/areas' })).statusCode).toBe(400);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/areas/locate?lon=-72.3&lat=123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('lat');
  });
});
