import { lonLat } from '@konbit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';
import { logHead, rowCount } from '../test-support/store-state.js';
import { SseClient } from '../test-support/sse.js';
import { sitesNear } from './site.service.js';

const AIRPORT = {
  name: 'Toussaint Louverture International Airport',
  nameHt: 'Ayewopò Entènasyonal Tousen Louvèti',
  kind: 'airport',
  criticality: 5,
  location: { lon: -72.2925, lat: 18.58 },
  policeRequired: 40,
  policeRequiredSource: 'illustrative',
  forceRequired: 50,
};
const SOURCE = { organisation: 'Force HQ', title: 'Patrol report (test)' };

type Headers = Record<string, string>;

describe('critical sites and their security posture', () => {
  const t = useTestApp({ listen: true });
  const h = {} as Record<'ops' | 'contingent' | 'police' | 'im' | 'ngo' | 'donor', Headers>;
  let airport: string;

  const count = (table: string) => rowCount(t.ctx, table);
  const seq = () => logHead(t.ctx);
  const post = (url: string, headers: Headers, payload: object) =>
    t.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers: Headers = {}) => t.app.inject({ method: 'GET', url, headers });
  const report = (site: string, headers: Headers, body: object) =>
    post(`/api/v1/sites/${site}/status`, headers, { source: SOURCE, ...body });

  beforeAll(async () => {
    const p = await seedPeople(t.ctx, [
      'missionOps',
      'contingent',
      'police',
      'humanitarianIm',
      'humanitarianField',
      'donor',
    ]);
    h.ops = bearer(await signIn(t.app, p.missionOps.email));
    h.contingent = bearer(await signIn(t.app, p.contingent.email));
    h.police = bearer(await signIn(t.app, p.police.email));
    h.im = bearer(await signIn(t.app, p.humanitarianIm.email));
    h.ngo = bearer(await signIn(t.app, p.humanitarianField.email));
    h.donor = bearer(await signIn(t.app, p.donor.email));
    const res = await post('/api/v1/sites', h.ops, AIRPORT);
    expect(res.statusCode).toBe(201);
    airport = res.json().id;
  });

  describe('the registry', () => {
    it('assigns the commune from the point and shares the site with partners by default', async () => {
      const res = await get(`/api/v1/sites/${airport}`, h.ngo);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        name: AIRPORT.name,
        kind: 'airport',
        precision: 'exact',
        positionNote: null,
        place: { pcode: 'HT0118', name: 'Tabarre' },
        location: { lon: -72.2925, lat: 18.58 },
        classification: 'partners',
        forceRequired: 50,
        policeRequired: 40,
      });
    });

    it('refuses a P-code that disagrees with the location with 422, changing nothing', async () => {
      const before = [count('sites'), seq()];
      const res = await post('/api/v1/sites', h.ops, { ...AIRPORT, pcode: 'HT0111' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'PcodeMismatch', field: 'pcode' });
      expect(res.json().error.message).toMatch(/Tabarre \(HT0118\), not in Port-au-Prince/);
      expect([count('sites'), seq()]).toEqual(before);
    });

    it('accepts a P-code that agrees (the commune or its department)', async () => {
      for (const pcode of ['HT0118', 'HT01']) {
        const res = await post('/api/v1/sites', h.ops, {
          ...AIRPORT,
          name: `agree ${pcode}`,
          pcode,
        });
        expect(res.statusCode, pcode).toBe(201);
      }
    });

    it('places a site without a published position at its commune centroid, and says so', async () => {
      const res = await post('/api/v1/sites', h.ops, {
        name: 'Terminal Varreux',
        kind: 'fuel-terminal',
        criticality: 5,
        pcode: 'HT0117',
      });
      expect(res.statusCode).toBe(201);
      const centroid = t.ctx.areas.get('HT0117')?.centroid;
      expect(res.json()).toMatchObject({
        precision: 'commune',
        positionNote: 'Exact position not published; shown at the centroid of Cité Soleil commune',
        location: { lon: centroid?.[0], lat: centroid?.[1] },
        place: { pcode: 'HT0117' },
        forceRequired: 1,
        policeRequired: null,
      });
    });

    it('refuses a site with neither location nor P-code, or outside Haiti, naming location', async () => {
      const before = count('sites');
      const none = await post('/api/v1/sites', h.ops, { name: 'x', kind: 'other', criticality: 1 });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.field).toBe('location');
      const sea = await post('/api/v1/sites', h.ops, {
        ...AIRPORT,
        location: { lon: -73.0, lat: 19.2 },
      });
      expect(sea.statusCode).toBe(400);
      expect(sea.json().error).toMatchObject({ field: 'location' });
      const dept = await post('/api/v1/sites', h.ops, {
        name: 'x',
        kind: 'other',
        criticality: 1,
        pcode: 'HT01',
      });
      expect(dept.json().error).toMatchObject({ code: 'ValidationFailed', field: 'pcode' });
      expect(count('sites')).toBe(before);
    });

    it('refuses an unknown field and an open footprint ring with 400', async () => {
      const extra = await post('/api/v1/sites', h.ops, { ...AIRPORT, colour: 'red' });
      expect(extra.statusCode).toBe(400);
      const open = await post('/api/v1/sites', h.ops, {
        ...AIRPORT,
        footprint: {
          type: 'Polygon',
          coordinates: [
            [
              [-72.3, 18.57],
              [-72.28, 18.57],
              [-72.28, 18.59],
              [-72.3, 18.59],
            ],
          ],
        },
      });
      expect(open.statusCode).toBe(400);
      expect(open.json().error.message).toMatch(/closed ring/);
    });

    it('lets only site managers register sites', async () => {
      for (const who of [h.contingent, h.im, h.donor]) {
        expect((await post('/api/v1/sites', who, { ...AIRPORT, name: 'nope' })).statusCode).toBe(
          403,
        );
      }
    });

    it('edits registry fields and re-places a moved site', async () => {
      const created = await post('/api/v1/sites', h.ops, {
        name: 'HUEH',
        kind: 'hospital',
        criticality: 4,
        pcode: 'HT0111',
      });
      const id = created.json().id;
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/sites/${id}`,
        headers: h.ops,
        payload: { criticality: 3, location: { lon: -72.3389, lat: 18.5431 } },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        criticality: 3,
        precision: 'exact',
        positionNote: null,
        place: { pcode: 'HT0111' },
      });
      const bad = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/sites/${id}`,
        headers: h.ops,
        payload: { pcode: 'HT0118' },
      });
      expect(bad.statusCode).toBe(422);
      expect((await get(`/api/v1/sites/${id}`, h.ops)).json().criticality).toBe(3);
    });

    it('will not call a centroid exact: a site without a location needs one to be more precise', async () => {
      const id = (
        await post('/api/v1/sites', h.ops, {
          name: 'RN2 at Martissant',
          kind: 'road-corridor',
          criticality: 4,
          pcode: 'HT0111',
        })
      ).json().id;
      const patch = (payload: object) =>
        t.app.inject({ method: 'PATCH', url: `/api/v1/sites/${id}`, headers: h.ops, payload });
      const exact = await patch({ precision: 'exact' });
      expect(exact.statusCode).toBe(400);
      expect(exact.json().error.field).toBe('precision');
      const moved = await patch({ pcode: 'HT0113' });
      expect(moved.json()).toMatchObject({
        precision: 'commune',
        place: { pcode: 'HT0113', name: 'Carrefour' },
        positionNote: expect.stringMatching(/centroid of Carrefour/),
      });
    });
  });

  describe('posture reports', () => {
    let port: string;
    beforeAll(async () => {
      port = (
        await post('/api/v1/sites', h.ops, {
          name: 'Port international de Port-au-Prince',
          kind: 'seaport',
          criticality: 5,
          location: { lon: -72.350383, lat: 18.556943 },
        })
      ).json().id;
    });

    it('records a status with holder, time, reporter, source and note (mission by default)', async () => {
      const res = await report(airport, h.contingent, {
        status: 'secured',
        at: '2023-06-08T10:00:00-04:00',
        holder: { organisation: 'Jamaica Defence Force' },
        note: 'Perimeter held',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        change: {
          status: 'secured',
          previous: null,
          at: '2023-06-08T14:00:00.000Z',
          holder: { organisation: 'Jamaica Defence Force', unitId: null },
          source: SOURCE,
          note: 'Perimeter held',
          classification: 'mission',
        },
        release: null,
        alertId: null,
      });
      const site = (await get(`/api/v1/sites/${airport}`, h.police)).json();
      expect(site.status).toMatchObject({ status: 'secured' });
    });

    it('refuses lost straight from secured with 422 naming the rule, changing nothing', async () => {
      const before = [count('site_status_changes'), count('alerts'), seq()];
      const res = await report(airport, h.ops, { status: 'lost' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'InvalidStatusTransition',
        field: 'status',
        message: expect.stringMatching(/only be marked lost from contested or threatened/),
      });
      expect([count('site_status_changes'), count('alerts'), seq()]).toEqual(before);
    });

    it('refuses a report observed before the latest one with 409', async () => {
      const res = await report(airport, h.ops, {
        status: 'contested',
        at: '2023-06-08T09:00:00-04:00',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.field).toBe('at');
    });

    it('refuses a report from the future with 400', async () => {
      const res = await report(airport, h.ops, { status: 'secured', at: '2030-01-01T00:00:00Z' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('at');
    });

    it('refuses status reports from humanitarian users and viewers', async () => {
      for (const who of [h.ngo, h.im, h.donor])
        expect((await report(port, who, { status: 'secured' })).statusCode).toBe(403);
    });

    it('raises an alert on threatened and on lost, carried by the live feed to the mission only', async () => {
      const ops = await SseClient.open(`${t.url}/api/v1/feed`, h.ops);
      const ngo = await SseClient.open(`${t.url}/api/v1/feed`, h.ngo);
      const threatened = await report(port, h.ops, {
        status: 'threatened',
        at: '2023-06-08T08:00:00-04:00',
      });
      expect(threatened.statusCode).toBe(201);
      const lost = await report(port, h.ops, { status: 'lost', at: '2023-06-08T09:30:00-04:00' });
      expect(lost.statusCode).toBe(201);
      const lostAlert = lost.json().alertId;
      expect(lostAlert).toEqual(expect.any(String));
      expect(threatened.json().alertId).not.toBe(lostAlert);

      const alert = (await get(`/api/v1/alerts/${lostAlert}`, h.police)).json();
      expect(alert).toMatchObject({
        kind: 'site-status',
        severity: 'critical',
        site: { id: port, name: 'Port international de Port-au-Prince' },
        subject: { entity: 'site-status', id: lost.json().change.id },
        message:
          'Port international de Port-au-Prince (criticality 5) reported lost at 2023-06-08 09:30 Port-au-Prince time, was threatened',
        acknowledged: null,
        classification: 'mission',
      });

      // A public marker: once every feed has it, each has been sent everything before it.
      const marker = await post('/api/v1/sites', h.ops, { ...AIRPORT, name: 'marker' });
      for (const f of [ops, ngo])
        await f.until((c) => c.changes().some((e) => e.entityId === marker.json().id));
      const opsAlerts = ops.changes().filter((e) => e.entity === 'alert');
      expect(opsAlerts.map((e) => e.entityId)).toContain(lostAlert);
      expect(ngo.changes().map((e) => e.entity)).not.toContain('alert');
      expect(ngo.changes().map((e) => e.entity)).not.toContain('site-status');
      ops.close();
      ngo.close();
    });

    it('lists open alerts to mission roles, hides them from humanitarian users', async () => {
      const open = (await get('/api/v1/alerts', h.contingent)).json().alerts;
      expect(open.map((a: { severity: string }) => a.severity).sort()).toEqual([
        'critical',
        'warning',
      ]);
      expect((await get('/api/v1/alerts', h.ngo)).json().alerts).toEqual([]);
      expect((await get(`/api/v1/alerts/${open[0].id}`, h.ngo)).statusCode).toBe(404);
    });

    it('lets a mission role acknowledge an alert once; a second time is 409', async () => {
      const [alert] = (await get(`/api/v1/alerts?siteId=${port}`, h.ops)).json().alerts;
      const nope = await post(`/api/v1/alerts/${alert.id}/acknowledge`, h.im, {});
      expect(nope.statusCode).toBe(404);
      const ack = await post(`/api/v1/alerts/${alert.id}/acknowledge`, h.police, {
        note: 'HNP informed',
      });
      expect(ack.statusCode).toBe(200);
      expect(ack.json().acknowledged).toMatchObject({ note: 'HNP informed' });
      const again = await post(`/api/v1/alerts/${alert.id}/acknowledge`, h.ops, {});
      expect(again.statusCode).toBe(409);
      const acknowledged = (await get('/api/v1/alerts?state=acknowledged', h.ops)).json().alerts;
      expect(acknowledged.map((a: { id: string }) => a.id)).toEqual([alert.id]);
      const viewer = await post(`/api/v1/alerts/${alert.id}/acknowledge`, h.donor, {});
      expect(viewer.statusCode).toBe(404);
    });

    it('lets a lost site be retaken (contested) and records the history newest first', async () => {
      expect((await report(port, h.ops, { status: 'contested' })).statusCode).toBe(201);
      const history = (await get(`/api/v1/sites/${port}/history`, h.ops)).json();
      expect(history.changes.map((c: { status: string }) => c.status)).toEqual([
        'contested',
        'lost',
        'threatened',
      ]);
    });

    it('answers a retried report with the same idempotency key once', async () => {
      const headers = { ...h.ops, 'idempotency-key': 'airport-confirm-1' };
      const before = count('site_status_changes');
      const a = await report(airport, headers, { status: 'secured', note: 'confirm' });
      const b = await report(airport, headers, { status: 'secured', note: 'confirm' });
      expect(b.json()).toEqual(a.json());
      expect(count('site_status_changes')).toBe(before + 1);
    });
  });

  describe('what a humanitarian user sees', () => {
    it('gets the airport and its released statement, never its operational status', async () => {
      const res = await report(airport, h.ops, {
        status: 'secured',
        note: 'Two platoons at the cargo gate; patrol schedule attached',
        release: { statement: 'Airport open for humanitarian cargo' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().release).toMatchObject({
        statement: 'Airport open for humanitarian cargo',
        statusChangeId: res.json().change.id,
        classification: 'partners',
      });

      const list = (await get('/api/v1/sites', h.ngo)).json();
      const feature = list.features.find((f: { id: string }) => f.id === airport);
      expect(feature.geometry).toEqual({ type: 'Point', coordinates: [-72.2925, 18.58] });
      expect(feature.properties).not.toHaveProperty('status');
      expect(feature.properties.latestRelease).toMatchObject({
        statement: 'Airport open for humanitarian cargo',
      });

      const one = (await get(`/api/v1/sites/${airport}`, h.ngo)).json();
      expect(one).not.toHaveProperty('status');
      expect(one.releases.map((r: { statement: string }) => r.statement)).toEqual([
        'Airport open for humanitarian cargo',
      ]);
      expect(JSON.stringify(one)).not.toMatch(/platoons|Jamaica Defence Force/);

      const history = (await get(`/api/v1/sites/${airport}/history`, h.im)).json();
      expect(history.changes).toEqual([]);
      expect(history.releases).toHaveLength(1);

      const mission = (await get(`/api/v1/sites/${airport}`, h.ops)).json();
      expect(mission.status).toMatchObject({ status: 'secured' });
    });

    it('filters the map by status as the reader sees it', async () => {
      const ops = (await get('/api/v1/sites?status=secured', h.ops)).json();
      expect(ops.features.map((f: { id: string }) => f.id)).toContain(airport);
      const ngo = (await get('/api/v1/sites?status=secured', h.ngo)).json();
      expect(ngo.features).toEqual([]);
      const unknown = (await get('/api/v1/sites?status=unknown&minCriticality=5', h.ngo)).json();
      expect(unknown.features.map((f: { id: string }) => f.id)).toContain(airport);
    });

    it('refuses a release from a role that may not release', async () => {
      const res = await post(`/api/v1/sites/${airport}/releases`, h.contingent, {
        statement: 'x',
      });
      expect(res.statusCode).toBe(403);
    });

    it('keeps the anonymous reader out of the partners registry', async () => {
      expect((await get('/api/v1/sites')).json().features).toEqual([]);
      expect((await get(`/api/v1/sites/${airport}`)).statusCode).toBe(404);
    });
  });

  describe('sites near a point (for alerts on incidents)', () => {
    it('returns the sites within the distance, nearest first, with their classification', async () => {
      const near = await sitesNear(t.ctx.store.db, lonLat(-72.2955, 18.58), 1000);
      expect(near.length).toBeGreaterThan(0);
      expect(near[0]).toMatchObject({
        name: AIRPORT.name,
        criticality: 5,
        classification: 'partners',
      });
      expect(near[0]?.distanceMetres).toBeGreaterThan(300);
      expect(near[0]?.distanceMetres).toBeLessThan(330);
      expect(near.map((s) => s.name)).not.toContain('Port international de Port-au-Prince');
      expect(await sitesNear(t.ctx.store.db, lonLat(-72.2955, 18.58), 200)).toEqual([]);
    });
  });
});
