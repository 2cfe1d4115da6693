import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';
import { logHead, rowCount } from '../test-support/store-state.js';

type Headers = Record<string, string>;
const ROUND = { pattern: 'round-the-clock' };
const daily = (from: string, to: string) => ({ pattern: 'daily', ranges: [{ from, to }] });
// The test clock is 2023-06-08 12:00 in Port-au-Prince (UTC-4).
const JUNE_10 = '2023-06-10T04:00:00.000Z';

describe('tasking and police freed', () => {
  const t = useTestApp();
  const h = {} as Record<'ops' | 'contingent' | 'ngo', Headers>;
  let airport: string;
  let port: string;
  let jdf: string;

  const count = (table: string) => rowCount(t.ctx, table);
  const seq = () => logHead(t.ctx);
  const post = (url: string, headers: Headers, payload: object) =>
    t.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers: Headers = h.ops) =>
    t.app.inject({ method: 'GET', url, headers });
  const assign = (payload: object, headers: Headers = h.ops) =>
    post('/api/v1/assignments', headers, {
      unitId: jdf,
      siteId: airport,
      personnel: 50,
      startsAt: JUNE_10,
      shift: ROUND,
      ...payload,
    });
  const kpi = async (query: string, headers: Headers = h.ops) => {
    const res = await get(`/api/v1/kpi/police-freed?${query}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    const p = await seedPeople(t.ctx, ['missionOps', 'contingent', 'humanitarianField']);
    h.ops = bearer(await signIn(t.app, p.missionOps.email));
    h.contingent = bearer(await signIn(t.app, p.contingent.email));
    h.ngo = bearer(await signIn(t.app, p.humanitarianField.email));
    const site = async (body: object) => (await post('/api/v1/sites', h.ops, body)).json().id;
    airport = await site({
      name: 'Airport',
      kind: 'airport',
      criticality: 5,
      location: { lon: -72.2925, lat: 18.58 },
      policeRequired: 40,
      forceRequired: 50,
    });
    port = await site({
      name: 'Port',
      kind: 'seaport',
      criticality: 5,
      location: { lon: -72.350383, lat: 18.556943 },
      policeRequired: 60,
      forceRequired: 60,
    });
    const unit = await post('/api/v1/units', h.ops, {
      name: 'JDF company',
      organisation: 'Jamaica Defence Force',
      country: 'JAM',
      strength: 100,
      capabilities: ['infantry'],
    });
    expect(unit.statusCode).toBe(201);
    expect(unit.json()).toMatchObject({ service: 'force', classification: 'mission' });
    jdf = unit.json().id;
  });

  describe('units', () => {
    it('lets only tasking managers register units', async () => {
      const res = await post('/api/v1/units', h.contingent, {
        name: 'x',
        organisation: 'x',
        strength: 1,
      });
      expect(res.statusCode).toBe(403);
    });

    it('refuses a country that is not ISO alpha-3 and a link to an unknown contribution', async () => {
      const bad = await post('/api/v1/units', h.ops, {
        name: 'x',
        organisation: 'x',
        strength: 1,
        country: 'Jamaica',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('country');
      const orphan = await post('/api/v1/units', h.ops, {
        name: 'x',
        organisation: 'x',
        strength: 1,
        contributionId: '0190a0b2-7c1e-7d3f-8a4b-1c2d3e4f5a6b',
      });
      expect(orphan.statusCode).toBe(404);
      expect(orphan.json().error.field).toBe('contributionId');
    });
  });

  describe('assignments', () => {
    let first: string;

    it('plans an assignment with a shift, planned by default', async () => {
      const res = await assign({});
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        unit: { id: jdf, name: 'JDF company', service: 'force' },
        site: { id: airport, name: 'Airport' },
        personnel: 50,
        state: 'planned',
        shiftText: 'round the clock',
        endsAt: null,
        classification: 'mission',
      });
      first = res.json().id;
    });

    it('refuses double-booking with 409 naming the clash, changing nothing', async () => {
      const before = [count('assignments'), seq()];
      const res = await assign({
        siteId: port,
        personnel: 60,
        startsAt: '2023-06-12T10:00:00.000Z',
        shift: daily('06:00', '18:00'),
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'AssignmentClash', field: 'personnel' });
      expect(res.json().error.message).toBe(
        `JDF company has 100 personnel but would have 110 assigned at 2023-06-12 06:00 Port-au-Prince time: 50 at Airport, round the clock (assignment ${first} (planned)); 60 at Port, 06:00–18:00 (this assignment). Assign fewer personnel, change the period or shift, or end the other assignment first`,
      );
      expect([count('assignments'), seq()]).toEqual(before);
    });

    it('refuses one assignment larger than the unit', async () => {
      const res = await assign({
        siteId: port,
        personnel: 101,
        startsAt: '2023-06-09T04:00:00.000Z',
        endsAt: JUNE_10,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toMatch(/has 100 personnel but would have 101 assigned/);
    });

    it('accepts the rest of the unit elsewhere at the same time', async () => {
      const res = await assign({ siteId: port, personnel: 50, shift: daily('06:00', '18:00') });
      expect(res.statusCode).toBe(201);
      expect(res.json().shiftText).toBe('06:00–18:00');
    });

    it('accepts a night shift for people who work the day shift, and refuses an overlap', async () => {
      const unit = (
        await post('/api/v1/units', h.ops, { name: 'Shift unit', organisation: 'x', strength: 30 })
      ).json().id;
      const day = await assign({ unitId: unit, personnel: 30, shift: daily('06:00', '18:00') });
      const night = await assign({ unitId: unit, personnel: 30, shift: daily('18:00', '06:00') });
      expect([day.statusCode, night.statusCode]).toEqual([201, 201]);
      const overlap = await assign({ unitId: unit, personnel: 1, shift: daily('17:00', '19:00') });
      expect(overlap.statusCode).toBe(409);
      for (const id of [day.json().id, night.json().id])
        await post(`/api/v1/assignments/${id}/state`, h.ops, { state: 'ended' });
    });

    it('refuses bad shifts, periods and references, naming the field', async () => {
      const before = count('assignments');
      const shift = await assign({ shift: daily('6:00', '18:00') });
      expect(shift.statusCode).toBe(400);
      expect(shift.json().error.field).toBe('shift.ranges.0');
      expect(shift.json().error.message).toMatch(/Shift start "6:00"/);
      const period = await assign({ endsAt: '2023-06-01T00:00:00Z' });
      expect(period.json().error).toMatchObject({ code: 'ValidationFailed', field: 'endsAt' });
      const unit = await assign({ unitId: '0190a0b2-7c1e-7d3f-8a4b-1c2d3e4f5a6b' });
      expect(unit.statusCode).toBe(404);
      expect(unit.json().error.field).toBe('unitId');
      expect(count('assignments')).toBe(before);
    });

    it('moves planned → active → ended and refuses going back', async () => {
      const active = await post(`/api/v1/assignments/${first}/state`, h.ops, { state: 'active' });
      expect(active.statusCode).toBe(200);
      expect(active.json().state).toBe('active');
      const again = await post(`/api/v1/assignments/${first}/state`, h.ops, { state: 'active' });
      expect(again.statusCode).toBe(422);
      expect(again.json().error.code).toBe('InvalidStatusTransition');
    });

    it('keeps tasking from humanitarian users: the list omits it, a single read is 404', async () => {
      expect((await get('/api/v1/assignments', h.ngo)).json().assignments).toEqual([]);
      expect((await get(`/api/v1/assignments/${first}`, h.ngo)).statusCode).toBe(404);
      expect((await get('/api/v1/units', h.ngo)).json().units).toEqual([]);
      expect((await get(`/api/v1/units/${jdf}`, h.ngo)).statusCode).toBe(404);
      const mine = (await get(`/api/v1/assignments?siteId=${airport}`, h.contingent)).json();
      expect(mine.assignments.map((a: { id: string }) => a.id)).toContain(first);
    });
  });

  describe('police freed', () => {
    it('gives actual from active assignments and projected from planned and active', async () => {
      const r = await kpi('from=2023-06-10&to=2023-06-11');
      // Airport: active, round the clock, 50 of 50 → 40 freed. Port: planned 50 of 60 → none.
      expect(r.days).toEqual([
        { day: '2023-06-10', actual: 40, projected: 40 },
        { day: '2023-06-11', actual: 40, projected: 40 },
      ]);
      const portRow = r.sites.find((s: { siteId: string }) => s.siteId === port);
      expect(portRow).toMatchObject({ actual: 0, projected: 0, forceRequired: 60 });
      expect(r.total).toEqual({ actual: 80, projected: 80 });
      expect(r.basis.assignments).toBeGreaterThanOrEqual(2);
    });

    it('projects what a planned contingent would change before it arrives', async () => {
      const bhs = (
        await post('/api/v1/units', h.ops, {
          name: 'RBDF platoon',
          organisation: 'Royal Bahamas Defence Force',
          country: 'BHS',
          strength: 10,
        })
      ).json().id;
      await assign({ unitId: bhs, siteId: port, personnel: 10, shift: daily('06:00', '18:00') });
      const r = await kpi('from=2023-06-10&to=2023-06-10');
      // Port: 50 + 10 planned from 06:00 to 18:00 → half a day of 60 → 30 projected.
      expect(r.days).toEqual([{ day: '2023-06-10', actual: 40, projected: 70 }]);
      expect(r.summary).toMatch(/Projected with planned assignments: 70 per day/);
    });

    it('does not count HNP units guarding a site', async () => {
      const hnp = (
        await post('/api/v1/units', h.ops, {
          name: 'HNP airport detail',
          organisation: 'Police nationale d’Haïti',
          country: 'HTI',
          service: 'police',
          strength: 200,
        })
      ).json().id;
      await assign({ unitId: hnp, siteId: port, personnel: 100, state: 'active' });
      const r = await kpi('from=2023-06-10&to=2023-06-10');
      expect(r.days[0]).toEqual({ day: '2023-06-10', actual: 40, projected: 70 });
    });

    it('counts an ended assignment only for the time it ran', async () => {
      const [airportAssignment] = (
        await get(`/api/v1/assignments?siteId=${airport}&state=active`)
      ).json().assignments;
      const ended = await post(`/api/v1/assignments/${airportAssignment.id}/state`, h.ops, {
        state: 'ended',
        at: '2023-06-11T16:00:00.000Z',
      });
      expect(ended.json()).toMatchObject({ state: 'ended', endsAt: '2023-06-11T16:00:00.000Z' });
      const r = await kpi('from=2023-06-10&to=2023-06-12');
      expect(r.days.map((d: { actual: number }) => d.actual)).toEqual([40, 20, 0]);
    });

    it('defaults to the seven days from today and refuses a reversed or too long window', async () => {
      const r = await kpi('');
      expect([r.from, r.to]).toEqual(['2023-06-08', '2023-06-14']);
      const reversed = await get('/api/v1/kpi/police-freed?from=2023-06-10&to=2023-06-01');
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().error.field).toBe('to');
      const long = await get('/api/v1/kpi/police-freed?from=2023-01-01&to=2024-06-01');
      expect(long.statusCode).toBe(400);
      expect(long.json().error.message).toMatch(/longer than 366 days/);
    });

    it('computes from what the reader may read, and says so', async () => {
      const r = await kpi('from=2023-06-10&to=2023-06-10', h.ngo);
      expect(r.basis).toEqual({ sites: 2, assignments: 0 });
      expect(r.days[0]).toEqual({ day: '2023-06-10', actual: 0, projected: 0 });
      expect(r.summary).toMatch(/No assignments you may read/);
    });
  });
});
