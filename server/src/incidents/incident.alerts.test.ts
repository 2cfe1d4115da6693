/**
 * Incidents and critical sites: the sites within 1 km of a report, and the alert raised when a
 * report near a site of criticality 4 or more becomes verified.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';
import { rowCount } from '../test-support/store-state.js';
import { SseClient } from '../test-support/sse.js';
import { DELMAS, offset, report } from '../test-support/incidents.js';
import { narrowestTag } from '../policy/policy.js';

type Headers = Record<string, string>;

/** The test's sites stand in Delmas, with room on land 2 km either side. */
const PORT = DELMAS;

describe('incidents near critical sites', () => {
  const t = useTestApp({ listen: true });
  const h = {} as Record<'ops' | 'contingent' | 'im' | 'ngo', Headers>;
  const sites: Record<'port' | 'hospital' | 'secret', string> = {
    port: '',
    hospital: '',
    secret: '',
  };

  const post = (url: string, headers: Headers, payload: object) =>
    t.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

  async function site(body: object): Promise<string> {
    const res = await post('/api/v1/sites', h.ops, {
      kind: 'seaport',
      policeRequired: 10,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  async function file(headers: Headers, east: number, over: object = {}): Promise<string> {
    const res = await post('/api/v1/incidents', headers, {
      ...report({ location: offset(PORT, east) }),
      classification: 'partners',
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().incident.id as string;
  }

  const verify = (headers: Headers, id: string, state = 'verified') =>
    post(`/api/v1/incidents/${id}/verification`, headers, { state, reason: 'Two patrols saw it' });

  async function alertsFor(headers: Headers, incident: string) {
    const res = await get('/api/v1/alerts?state=all', headers);
    expect(res.statusCode).toBe(200);
    const alerts = res.json().alerts as { subject: { id: string } }[];
    return alerts.filter((a) => a.subject.id === incident);
  }

  beforeAll(async () => {
    const p = await seedPeople(t.ctx, [
      'missionOps',
      'contingent',
      'humanitarianIm',
      'humanitarianField',
    ]);
    h.ops = bearer(await signIn(t.app, p.missionOps.email));
    h.contingent = bearer(await signIn(t.app, p.contingent.email));
    h.im = bearer(await signIn(t.app, p.humanitarianIm.email));
    h.ngo = bearer(await signIn(t.app, p.humanitarianField.email));
    sites.port = await site({ name: 'Port (test)', criticality: 5, location: PORT });
    // 600 m west of the port, less critical.
    sites.hospital = await site({
      name: 'Clinic (test)',
      kind: 'hospital',
      criticality: 3,
      location: offset(PORT, -600),
    });
    // 400 m east, critical, and for mission eyes only.
    sites.secret = await site({
      name: 'Fuel depot (test)',
      kind: 'fuel-terminal',
      criticality: 4,
      location: offset(PORT, 400),
      classification: 'mission',
    });
  });

  it('relates a report to the sites within 1 km, nearest first, named only to who may read them', async () => {
    const id = await file(h.ops, 100);
    const seen = await get(`/api/v1/incidents/${id}`, h.ops);
    expect(seen.json().properties.relatedSites.map((s: { name: string }) => s.name)).toEqual([
      'Port (test)',
      'Fuel depot (test)',
      'Clinic (test)',
    ]);
    expect(seen.json().properties.relatedSites[0]).toMatchObject({
      id: sites.port,
      criticality: 5,
      distanceMetres: 100,
    });
    // A humanitarian reader of the same (partners) report never learns of the mission's depot.
    const ngo = await get(`/api/v1/incidents/${id}`, h.ngo);
    expect(ngo.statusCode).toBe(200);
    expect(ngo.json().properties.relatedSites.map((s: { name: string }) => s.name)).toEqual([
      'Port (test)',
      'Clinic (test)',
    ]);
  });

  it('relates nothing beyond 1 km, and nothing to a report placed only at its commune', async () => {
    const far = await file(h.ops, 1_500 + 400);
    expect((await get(`/api/v1/incidents/${far}`, h.ops)).json().properties.relatedSites).toEqual(
      [],
    );
    const commune = await file(h.ops, 0, { locationPrecision: 'commune' });
    expect(
      (await get(`/api/v1/incidents/${commune}`, h.ops)).json().properties.relatedSites,
    ).toEqual([]);
  });

  it('raises one alert, on the live feed, when a report near a critical site becomes verified', async () => {
    const id = await file(h.ops, -50);
    expect(await alertsFor(h.ops, id)).toEqual([]);
    const feed = await SseClient.open(`${t.url}/api/v1/feed`, h.contingent);
    try {
      expect((await verify(h.ops, id)).statusCode).toBe(200);
      const alerts = (await alertsFor(h.contingent, id)) as unknown as {
        id: string;
        message: string;
      }[];
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        kind: 'incident-near-site',
        severity: 'critical',
        site: { id: sites.port, name: 'Port (test)' },
        subject: { entity: 'incident', id },
        classification: 'partners',
        acknowledged: null,
      });
      expect(alerts[0]?.message).toBe(
        'Verified armed clash 50 m from Port (test) (criticality 5) and 1 other critical site(s), occurred 2023-06-07 10:00 Port-au-Prince time',
      );
      await feed.until((c) =>
        c.changes().some((e) => e.entity === 'alert' && e.entityId === alerts[0]?.id),
      );
    } finally {
      feed.close();
    }
    // Unverified on new evidence, verified again: still the one alert.
    expect((await verify(h.ops, id, 'unverified')).statusCode).toBe(200);
    expect((await verify(h.ops, id)).statusCode).toBe(200);
    expect(await alertsFor(h.ops, id)).toHaveLength(1);
    // Mission roles acknowledge it.
    const [alert] = (await alertsFor(h.ops, id)) as unknown as { id: string }[];
    const ack = await post(`/api/v1/alerts/${alert?.id}/acknowledge`, h.contingent, {});
    expect(ack.statusCode, ack.body).toBe(200);
  });

  it('raises nothing for a disputed report, or one near only a less critical site', async () => {
    const before = rowCount(t.ctx, 'alerts');
    const disputed = await file(h.ops, 0);
    expect((await verify(h.ops, disputed, 'disputed')).statusCode).toBe(200);
    // 1.1 km west of the port: only the clinic (criticality 3) is within 1 km.
    const clinicOnly = await file(h.ops, -1_100);
    expect(
      (await get(`/api/v1/incidents/${clinicOnly}`, h.ops))
        .json()
        .properties.relatedSites.map((s: { name: string }) => s.name),
    ).toEqual(['Clinic (test)']);
    expect((await verify(h.ops, clinicOnly)).statusCode).toBe(200);
    expect(rowCount(t.ctx, 'alerts')).toBe(before);
  });

  it('keeps an alert about a humanitarian report near a mission site from both compartments', async () => {
    // 450 m east: nearest critical site is the mission-only depot.
    const id = await file(h.im, 450, { classification: 'humanitarian' });
    expect((await verify(h.im, id)).statusCode).toBe(200);
    expect(await alertsFor(h.im, id)).toEqual([]);
    expect(await alertsFor(h.ops, id)).toEqual([]);
    const row = t.ctx.store.sqlite
      .prepare('select classification, restricted_to from alerts where subject_id = ?')
      .get(id);
    // Restricted to no organisation: administrators alone read it.
    expect(row).toEqual({ classification: 'restricted', restricted_to: null });
  });
});

describe('the tag of a record made from two others', () => {
  const tag = (classification: string, restrictedTo: string[] = []) =>
    ({ classification, restrictedTo }) as Parameters<typeof narrowestTag>[0];

  it('takes the narrower level, and restricts two compartments to what both name', () => {
    expect(narrowestTag(tag('partners'), tag('mission'))).toEqual(tag('mission'));
    expect(narrowestTag(tag('public'), tag('partners'))).toEqual(tag('partners'));
    expect(narrowestTag(tag('humanitarian'), tag('humanitarian'))).toEqual(tag('humanitarian'));
    expect(narrowestTag(tag('mission'), tag('humanitarian'))).toEqual(tag('restricted'));
    expect(narrowestTag(tag('mission'), tag('restricted', ['a']))).toEqual(
      tag('restricted', ['a']),
    );
    expect(narrowestTag(tag('restricted', ['a', 'b']), tag('restricted', ['b', 'c']))).toEqual(
      tag('restricted', ['b']),
    );
  });
});
