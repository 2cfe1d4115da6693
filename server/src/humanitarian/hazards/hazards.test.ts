import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../../test-support/context.js';

/** CENAIS's solution for the 2023-06-06 earthquake: offshore, WNW of Jérémie. */
const EARTHQUAKE = {
  type: 'earthquake',
  name: 'Earthquake of 6 June 2023, Grand’Anse',
  startedAt: '2023-06-06T09:11:00Z',
  epicentre: { lon: -74.235, lat: 18.702 },
  depthKm: 10,
  magnitude: 4.9,
  magnitudeScale: 'Mw (USGS)',
  affectedPcodes: ['HT0811', 'HT0812'],
  sources: [
    {
      organisation: 'The Watchers',
      title: '4 killed, 32 injured after M4.9 earthquake hits Haiti',
      url: 'https://watchers.news/2023/06/07/4-killed-32-injured-after-m4-9-earthquake-hits-haiti/',
      published: '2023-06-07',
    },
  ],
};

const FLOODS = {
  type: 'flood',
  name: 'Floods of early June 2023',
  startedAt: '2023-06-03T04:00:00Z',
  affectedPcodes: ['HT01', 'HT02', 'HT09'],
  sources: [
    {
      organisation: 'OCHA',
      title: 'Haiti: Severe climate events, Flash Update #2 (6 June 2023)',
      published: '2023-06-06',
    },
  ],
};

describe('hazard events', () => {
  const t = useTestApp();
  let im: Record<string, string>;
  let contingent: Record<string, string>;
  let quakeId: string;
  let floodsId: string;

  beforeAll(async () => {
    const p = await seedPeople(t.ctx, ['humanitarianIm', 'contingent']);
    im = bearer(await signIn(t.app, p.humanitarianIm.email));
    contingent = bearer(await signIn(t.app, p.contingent.email));
  });

  const post = (payload: object, headers = im) =>
    t.app.inject({ method: 'POST', url: '/api/v1/hazards', headers, payload });
  const count = () =>
    (t.ctx.store.sqlite.prepare('select count(*) n from hazard_events').get() as { n: number }).n;

  it('records an earthquake whose epicentre is offshore, naming the communes it affects', async () => {
    const res = await post(EARTHQUAKE);
    expect(res.statusCode).toBe(201);
    quakeId = res.json().id;
    expect(res.json()).toMatchObject({
      type: 'earthquake',
      classification: 'public',
      magnitude: 4.9,
      endedAt: '2023-06-06T09:11:00.000Z',
      epicentre: { position: [-74.235, 18.702], commune: null, onLand: false },
      affected: [
        { pcode: 'HT0811', name: 'Jérémie', level: 2 },
        { pcode: 'HT0812', name: 'Abricots', level: 2 },
      ],
    });
  });

  it('records floods over departments, open until ended', async () => {
    const res = await post(FLOODS);
    expect(res.statusCode).toBe(201);
    floodsId = res.json().id;
    expect(res.json()).toMatchObject({ endedAt: null, epicentre: null, magnitude: null });
  });

  it('refuses a magnitude or an epicentre for floods, and an unknown P-code, storing nothing', async () => {
    const before = count();
    const magnitude = await post({ ...FLOODS, magnitude: 3 });
    expect(magnitude.statusCode).toBe(400);
    expect(magnitude.json().error.field).toBe('magnitude');
    const epicentre = await post({ ...FLOODS, epicentre: { lon: -72.3, lat: 18.5 } });
    expect(epicentre.json().error.field).toBe('epicentre');
    const unknown = await post({ ...FLOODS, affectedPcodes: ['HT01', 'HT0199'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'UnknownPcode', field: 'affectedPcodes.1' });
    const nowhere = await post({ ...FLOODS, affectedPcodes: [] });
    expect(nowhere.json().error.field).toBe('affectedPcodes');
    expect(count()).toBe(before);
  });

  it('lists hazards affecting an area and under way in a window', async () => {
    const list = async (q: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/hazards${q}`, headers: contingent }))
        .json()
        .hazards.map((h: { id: string }) => h.id);
    expect(await list('?pcode=HT0811')).toEqual([quakeId]);
    expect(await list('?pcode=HT01')).toEqual([floodsId]);
    expect(await list('?type=earthquake')).toEqual([quakeId]);
    expect(await list('?from=2023-06-07&to=2023-06-08')).toEqual([floodsId]);
    expect(await list('?from=2023-06-06&to=2023-06-06')).toEqual([quakeId, floodsId]);
    expect(await list('?to=2023-06-02')).toEqual([]);
  });

  it('gives a hazard with its linked figures, conflicts flagged', async () => {
    for (const [value, organisation] of [
      [32, 'The Watchers'],
      [36, 'New York Daily News'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/figures',
        headers: im,
        payload: {
          metric: 'injured',
          value,
          pcode: 'HT0811',
          hazardEventId: quakeId,
          asOf: '2023-06-06',
          source: { organisation, title: 'report' },
        },
      });
      expect(res.statusCode).toBe(201);
    }
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/hazards/${quakeId}`,
      headers: contingent,
    });
    expect(res.statusCode).toBe(200);
    const figures = res.json().figures;
    expect(figures.map((f: { value: number }) => f.value).sort()).toEqual([32, 36]);
    expect(
      figures.every(
        (f: { conflict: boolean; place: { hazardEventId: string } }) =>
          f.conflict && f.place.hazardEventId === quakeId,
      ),
    ).toBe(true);
  });

  it('refuses a figure linked to a hazard that does not exist with 404 naming hazardEventId', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/figures',
      headers: im,
      payload: {
        metric: 'deaths',
        value: 1,
        pcode: 'HT',
        hazardEventId: '0190a0b2-7c1e-7d3f-8a4b-1c2d3e4f5a6b',
        asOf: '2023-06-06',
        source: { organisation: 'x', title: 'y' },
      },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.field).toBe('hazardEventId');
  });

  it('ends the floods and adds a source', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/hazards/${floodsId}`,
      headers: im,
      payload: {
        endedAt: '2023-06-05T00:00:00Z',
        sources: [
          ...FLOODS.sources,
          { organisation: 'IOM', title: 'Gang violence displaces 165,000' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().endedAt).toBe('2023-06-05T00:00:00.000Z');
    expect(res.json().sources).toHaveLength(2);
  });

  it('refuses a contingent recording a hazard with 403', async () => {
    expect((await post(FLOODS, contingent)).statusCode).toBe(403);
  });
});
