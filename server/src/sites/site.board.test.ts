/**
 * The site board: incidents within 1 km in the last 7 days and personnel on duty now, each
 * counted from what the reader may read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';
import { DELMAS, offset, report } from '../test-support/incidents.js';

type Headers = Record<string, string>;

interface BoardRow {
  siteId: string;
  incidentsNearby: number;
  personnelNow: number;
  plannedPersonnelNow: number;
}

describe('the site board', () => {
  // The test clock stands at 2023-06-08T16:00Z (12:00 in Port-au-Prince).
  const t = useTestApp();
  const h = {} as Record<'ops' | 'ngo', Headers>;
  let site = '';
  let other = '';

  const post = (url: string, headers: Headers, payload: object) =>
    t.app.inject({ method: 'POST', url, headers, payload });

  async function created(url: string, headers: Headers, body: object) {
    const res = await post(url, headers, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function board(
    headers: Headers,
  ): Promise<{ rows: Map<string, BoardRow>; body: Record<string, unknown> }> {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sites/board', headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    return { rows: new Map((body.sites as BoardRow[]).map((r) => [r.siteId, r])), body };
  }

  beforeAll(async () => {
    const p = await seedPeople(t.ctx, ['missionOps', 'humanitarianField']);
    h.ops = bearer(await signIn(t.app, p.missionOps.email));
    h.ngo = bearer(await signIn(t.app, p.humanitarianField.email));
    site = (
      await created('/api/v1/sites', h.ops, {
        name: 'Delmas depot',
        kind: 'fuel-terminal',
        criticality: 3,
        location: DELMAS,
      })
    ).id;
    other = (
      await created('/api/v1/sites', h.ops, {
        name: 'Delmas east',
        kind: 'water',
        criticality: 2,
        location: offset(DELMAS, 2_400),
      })
    ).id;
    const file = (east: number, over: object = {}) =>
      created('/api/v1/incidents', h.ops, {
        ...report({ location: offset(DELMAS, east), occurredAt: '2023-06-07T14:00:00.000Z' }),
        classification: 'partners',
        ...over,
      });
    await file(400); // counted for both readers
    await file(-900); // counted for both readers
    await file(1_500); // beyond 1 km of the depot
    await file(300, { occurredAt: '2023-05-28T14:00:00.000Z' }); // before the 7 days
    await file(200, { classification: 'mission' }); // mission readers only
    const unit = (
      await created('/api/v1/units', h.ops, { name: 'A', organisation: 'F', strength: 100 })
    ).id;
    const assign = (body: object) =>
      created('/api/v1/assignments', h.ops, { unitId: unit, siteId: site, ...body });
    await assign({
      personnel: 20,
      state: 'active',
      startsAt: '2023-06-08T00:00:00Z',
      shift: { pattern: 'round-the-clock' },
    });
    // Off duty at noon: a night shift.
    await assign({
      personnel: 9,
      state: 'active',
      startsAt: '2023-06-01T00:00:00Z',
      shift: { pattern: 'daily', ranges: [{ from: '18:00', to: '06:00' }] },
    });
    // Not started yet.
    await assign({
      personnel: 7,
      state: 'active',
      startsAt: '2023-06-10T00:00:00Z',
      shift: { pattern: 'round-the-clock' },
    });
    await assign({
      personnel: 5,
      startsAt: '2023-06-01T00:00:00Z',
      endsAt: '2023-06-30T00:00:00Z',
      shift: { pattern: 'daily', ranges: [{ from: '06:00', to: '18:00' }] },
    });
  });

  it('counts readable incidents within 1 km in the last 7 days, and personnel on duty now', async () => {
    const { rows, body } = await board(h.ops);
    expect(body).toMatchObject({
      asOf: '2023-06-08T16:00:00.000Z',
      from: '2023-06-01T16:00:00.000Z',
      to: '2023-06-08T16:00:00.000Z',
      radiusMetres: 1000,
      days: 7,
    });
    expect(rows.get(site)).toEqual({
      siteId: site,
      incidentsNearby: 3,
      personnelNow: 20,
      plannedPersonnelNow: 5,
    });
    // The report 1.5 km east of the depot is 900 m from the east site; the others are further.
    expect(rows.get(other)).toMatchObject({ incidentsNearby: 1, personnelNow: 0 });
  });

  it('counts for a humanitarian reader only the incidents and tasking they may read', async () => {
    const { rows } = await board(h.ngo);
    expect(rows.get(site)).toEqual({
      siteId: site,
      incidentsNearby: 2,
      personnelNow: 0,
      plannedPersonnelNow: 0,
    });
  });

  it('gives the anonymous reader no partners site', async () => {
    const { body } = await board({});
    expect(body.sites).toEqual([]);
  });

  it('follows a new incident near the site', async () => {
    const before = (await board(h.ops)).rows.get(site)?.incidentsNearby ?? 0;
    await created('/api/v1/incidents', h.ops, {
      ...report({ location: offset(DELMAS, 0, 600), occurredAt: '2023-06-08T10:00:00.000Z' }),
      classification: 'partners',
    });
    expect((await board(h.ops)).rows.get(site)?.incidentsNearby).toBe(before + 1);
  });
});
