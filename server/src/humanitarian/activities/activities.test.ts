import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, useTestApp } from '../../test-support/context.js';

const activity = (over: object = {}) => ({
  organisation: { name: 'Partner NGO (illustrative)', acronym: 'PNGO', type: 'national-ngo' },
  sector: 'health',
  activity: 'Mobile clinic',
  pcode: 'HT0111',
  status: 'ongoing',
  start: '2023-05-01',
  reached: { total: 1000, women: 400, men: 300, girls: 150, boys: 150 },
  ...over,
});

describe('who does what where (3W)', () => {
  const t = useTestApp();
  const h = {} as Record<'im' | 'ngo' | 'contingent', Record<string, string>>;

  beforeAll(async () => {
    const s = await signedIn(t, ['humanitarianIm', 'humanitarianField', 'contingent']);
    Object.assign(h, { im: s.humanitarianIm, ngo: s.humanitarianField, contingent: s.contingent });
    for (const a of [
      activity(),
      activity({ activity: 'Cholera treatment unit', pcode: 'HT0117', reached: { total: 500 } }),
      activity({
        sector: 'water-sanitation-hygiene',
        activity: 'Water trucking',
        reached: { women: 10, men: 10, girls: 5, boys: 5 },
      }),
      activity({
        sector: 'protection',
        activity: 'Child-friendly space',
        pcode: 'HT0811',
        status: 'planned',
        reached: undefined,
      }),
      activity({
        sector: 'health',
        activity: 'Closed clinic',
        start: '2023-01-01',
        end: '2023-02-28',
        status: 'completed',
        reached: { total: 70 },
      }),
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/activities',
        headers: h.ngo,
        payload: a,
      });
      expect(res.statusCode, JSON.stringify(res.json())).toBe(201);
    }
  });

  const list = async (q: string, headers = h.contingent) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/activities${q}`, headers })).json();

  it('filters by cluster and commune', async () => {
    const health = await list('?sector=health');
    expect(health.activities.map((a: { activity: string }) => a.activity).sort()).toEqual([
      'Cholera treatment unit',
      'Closed clinic',
      'Mobile clinic',
    ]);
    const pap = await list('?sector=health&pcode=HT0111');
    expect(pap.activities.map((a: { activity: string }) => a.activity).sort()).toEqual([
      'Closed clinic',
      'Mobile clinic',
    ]);
    expect(pap.activities[0].place).toMatchObject({ pcode: 'HT0111', name: 'Port-au-Prince' });
  });

  it('includes a department’s communes when filtering by the department', async () => {
    expect((await list('?pcode=HT01')).activities).toHaveLength(4);
    expect((await list('?pcode=HT08')).activities).toHaveLength(1);
  });

  it('totals people reached, by sex and age where given', async () => {
    const { totals } = await list('?pcode=HT01');
    expect(totals).toEqual({
      activities: 4,
      withReached: 4,
      reached: { total: 1000 + 500 + 30 + 70, women: 410, men: 310, girls: 155, boys: 155 },
    });
    const running = await list('?pcode=HT01&from=2023-06-08&to=2023-06-08');
    expect(running.totals.reached.total).toBe(1530);
    const planned = await list('?status=planned');
    expect(planned.totals).toMatchObject({ activities: 1, withReached: 0 });
  });

  it('finds an organisation by name or acronym', async () => {
    expect((await list('?organisation=pngo')).activities).toHaveLength(5);
    expect((await list('?organisation=Somebody else')).activities).toHaveLength(0);
  });

  it('refuses parts that add up to more than the total, naming reached', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: h.ngo,
      payload: activity({ activity: 'Too many', reached: { total: 10, women: 20 } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('reached');
  });

  it('refuses the same activity twice with 409 and a contingent reporting one with 403', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: h.im,
      payload: activity(),
    });
    expect(again.statusCode).toBe(409);
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: h.contingent,
      payload: activity({ activity: 'x' }),
    });
    expect(forbidden.statusCode).toBe(403);
    expect((await list('')).activities).toHaveLength(5);
  });

  it('completes an activity with its final reach', async () => {
    const [mobile] = (await list('?sector=health&pcode=HT0111&status=ongoing')).activities;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${mobile.id}`,
      headers: h.ngo,
      payload: { status: 'completed', end: '2023-06-08', reached: { total: 1200 } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'completed',
      end: '2023-06-08',
      reached: { total: 1200, women: null },
    });
  });
});
