import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, useTestApp } from '../../test-support/context.js';

/** Delmas 33 area (Wikipedia's point for Delmas); the site itself is illustrative. */
const DELMAS = { lon: -72.30278, lat: 18.54472 };
const DELMAS_CENTROID = [-72.297644, 18.554306];

describe('IDP sites', () => {
  const t = useTestApp();
  const h = {} as Record<'im' | 'ngo' | 'ops' | 'contingent' | 'donor', Record<string, string>>;

  beforeAll(async () => {
    const s = await signedIn(t, [
      'humanitarianIm',
      'humanitarianField',
      'missionOps',
      'contingent',
      'donor',
    ]);
    Object.assign(h, {
      im: s.humanitarianIm,
      ngo: s.humanitarianField,
      ops: s.missionOps,
      contingent: s.contingent,
      donor: s.donor,
    });
  });

  const post = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/idp-sites', headers, payload });
  const get = (headers: Record<string, string>, url: string) =>
    t.app.inject({ method: 'GET', url, headers });
  const count = () =>
    (t.ctx.store.sqlite.prepare('select count(*) n from idp_sites').get() as { n: number }).n;

  let siteId: string;

  it('records a site for partners by default, finding its commune from the point', async () => {
    const res = await post(h.im, {
      code: 'HT-DEL-001',
      name: 'Lycée de Delmas (illustrative)',
      type: 'collective-centre',
      location: DELMAS,
      openedOn: '2023-04-26',
    });
    expect(res.statusCode).toBe(201);
    siteId = res.json().id;
    expect(res.json()).toMatchObject({
      classification: 'partners',
      status: 'open',
      commune: { pcode: 'HT0112', name: 'Delmas' },
      department: { pcode: 'HT01' },
      location: { position: [DELMAS.lon, DELMAS.lat], precision: 'exact', generalised: false },
    });
  });

  it('gives humanitarian users the exact point and a contingent the commune centroid, flagged', async () => {
    for (const who of ['im', 'ngo'] as const) {
      const site = (await get(h[who], `/api/v1/idp-sites/${siteId}`)).json();
      expect(site.location, who).toEqual({
        position: [DELMAS.lon, DELMAS.lat],
        precision: 'exact',
        generalised: false,
      });
    }
    for (const who of ['contingent', 'ops', 'donor'] as const) {
      const site = (await get(h[who], `/api/v1/idp-sites/${siteId}`)).json();
      expect(site.location, who).toEqual({
        position: DELMAS_CENTROID,
        precision: 'commune',
        generalised: true,
      });
      const list = (await get(h[who], '/api/v1/idp-sites')).json().sites;
      expect(list.find((s: { id: string }) => s.id === siteId).location.generalised).toBe(true);
    }
  });

  it('keeps a partners site from anonymous readers', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/idp-sites/${siteId}` });
    expect(res.statusCode).toBe(404);
  });

  it('places host families at their commune without a point', async () => {
    const res = await post(h.im, {
      name: 'Host families, Cité Soleil (illustrative)',
      type: 'host-families',
      pcode: 'HT0117',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().location).toEqual({
      position: [-72.326581, 18.593982],
      precision: 'commune',
      generalised: false,
    });
  });

  it('refuses a P-code that disagrees with the point with 422 PcodeMismatch, storing nothing', async () => {
    const before = count();
    const res = await post(h.im, {
      name: 'Mismatch',
      type: 'spontaneous-site',
      location: DELMAS,
      pcode: 'HT0111',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'PcodeMismatch', field: 'pcode' });
    expect(count()).toBe(before);
  });

  it('refuses a point in the sea without a commune, naming location', async () => {
    const res = await post(h.im, {
      name: 'At sea',
      type: 'spontaneous-site',
      location: { lon: -72.6, lat: 18.7 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('location');
  });

  it('refuses a second site with the same code with 409', async () => {
    const before = count();
    const res = await post(h.im, {
      code: 'ht-del-001',
      name: 'Another',
      type: 'spontaneous-site',
      pcode: 'HT0112',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.field).toBe('code');
    expect(count()).toBe(before);
  });

  it('refuses a contingent recording a site with 403', async () => {
    const res = await post(h.contingent, { name: 'x', type: 'spontaneous-site', pcode: 'HT0112' });
    expect(res.statusCode).toBe(403);
  });

  it('shows the latest population from figures counted at the site, with their source', async () => {
    const figure = (value: number, asOf: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/figures',
        headers: h.im,
        payload: {
          metric: 'idps',
          value,
          idpSiteId: siteId,
          asOf,
          source: { organisation: 'IOM DTM', title: 'Site assessment (illustrative)' },
        },
      });
    const first = await figure(1200, '2023-05-01');
    expect(first.statusCode).toBe(201);
    expect(first.json().place).toMatchObject({ pcode: 'HT0112', idpSiteId: siteId });
    await figure(1450, '2023-06-01');
    await figure(2000, '2023-07-01');
    const site = (await get(h.contingent, `/api/v1/idp-sites/${siteId}`)).json();
    expect(site.population.idps).toMatchObject({
      value: 1450,
      asOf: '2023-06-01',
      source: { organisation: 'IOM DTM' },
    });
    expect(site.population.households).toBeNull();
  });

  it('refuses a site figure whose P-code disagrees with the site', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/figures',
      headers: h.im,
      payload: {
        metric: 'idps',
        value: 1,
        idpSiteId: siteId,
        pcode: 'HT0111',
        asOf: '2023-06-01',
        source: { organisation: 'x', title: 'y' },
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PcodeMismatch');
  });

  it('closes a site today, hides it from the default list, and refuses closing it twice', async () => {
    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/idp-sites/${siteId}`,
        headers: h.im,
        payload,
      });
    const closed = await patch({ status: 'closed' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: '2023-06-08' });
    const open = (await get(h.im, '/api/v1/idp-sites'))
      .json()
      .sites.map((s: { id: string }) => s.id);
    expect(open).not.toContain(siteId);
    const all = (await get(h.im, '/api/v1/idp-sites?all=1'))
      .json()
      .sites.map((s: { id: string }) => s.id);
    expect(all).toContain(siteId);
    const again = await patch({ status: 'closed' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('InvalidStatusTransition');
    const reopened = await patch({ status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open', closedOn: null });
  });

  it('lists sites within a department by its P-code', async () => {
    const inOuest = (await get(h.im, '/api/v1/idp-sites?pcode=HT01')).json().sites;
    expect(inOuest.length).toBeGreaterThanOrEqual(2);
    expect((await get(h.im, '/api/v1/idp-sites?pcode=HT08')).json().sites).toHaveLength(0);
  });
});
