/** Conflicting figures over HTTP: shown together, flagged, never hidden by the latest. */
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';

const source = (organisation: string) => ({ organisation, title: `${organisation} report` });

describe('conflicting figures', () => {
  const t = useTestApp();
  let im: Record<string, string>;

  beforeAll(async () => {
    const people = await seedPeople(t.ctx, ['humanitarianIm']);
    im = bearer(await signIn(t.app, people.humanitarianIm.email));
  });

  const post = (payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/figures', headers: im, payload });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: im });

  it('returns the latest and the figure it conflicts with together, both flagged', async () => {
    const ocha = await post({
      metric: 'deaths',
      value: 100,
      pcode: 'HT0113',
      asOf: '2023-06-01',
      source: source('OCHA'),
    });
    const dgpc = await post({
      metric: 'deaths',
      value: 80,
      pcode: 'HT0113',
      asOf: '2023-06-05',
      source: source('DGPC'),
    });
    expect([ocha.statusCode, dgpc.statusCode]).toEqual([201, 201]);
    expect(dgpc.json()).toMatchObject({ conflict: false, conflictsWith: [] });

    const res = await get('/api/v1/figures?metric=deaths&pcode=HT0113&latest=1');
    expect(res.statusCode).toBe(200);
    const figures = res.json().figures;
    expect(figures.map((f: { value: number }) => f.value)).toEqual([80, 100]);
    expect(figures[0]).toMatchObject({ conflict: true, conflictsWith: [ocha.json().id] });
    expect(figures[1]).toMatchObject({ conflict: true, conflictsWith: [dgpc.json().id] });

    const one = await get(`/api/v1/figures/${ocha.json().id}`);
    expect(one.json()).toMatchObject({ conflict: true, conflictsWith: [dgpc.json().id] });
  });

  it('keeps the latest alone when the same source revises its number', async () => {
    await post({
      metric: 'missing',
      value: 18,
      pcode: 'HT0113',
      asOf: '2023-06-04',
      source: source('OCHA'),
    });
    await post({
      metric: 'missing',
      value: 8,
      pcode: 'HT0113',
      asOf: '2023-06-06',
      source: source('OCHA'),
    });
    const figures = (await get('/api/v1/figures?metric=missing&pcode=HT0113&latest=1')).json()
      .figures;
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatchObject({ value: 8, conflict: false });
    const history = (await get('/api/v1/figures?metric=missing&pcode=HT0113')).json().figures;
    expect(history.map((f: { value: number; conflict: boolean }) => [f.value, f.conflict])).toEqual(
      [
        [8, false],
        [18, false],
      ],
    );
  });

  it('flags conflicts in the history as well as in the latest view', async () => {
    await post({
      metric: 'injured',
      value: 32,
      pcode: 'HT0811',
      asOf: '2023-06-06',
      source: source('The Watchers'),
    });
    await post({
      metric: 'injured',
      value: 36,
      pcode: 'HT0811',
      asOf: '2023-06-06',
      source: source('NY Daily News'),
    });
    const history = (await get('/api/v1/figures?metric=injured&pcode=HT0811')).json().figures;
    expect(history.every((f: { conflict: boolean }) => f.conflict)).toBe(true);
  });
});

describe('the conflict window as a setting', () => {
  const t = useTestApp({ config: { figures: { conflictWindowDays: 3 } } });

  it('does not flag figures further apart than the configured window', async () => {
    const people = await seedPeople(t.ctx, ['humanitarianIm']);
    const headers = bearer(await signIn(t.app, people.humanitarianIm.email));
    for (const [value, asOf, organisation] of [
      [100, '2023-06-01', 'OCHA'],
      [50, '2023-06-05', 'DGPC'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/figures',
        headers,
        payload: { metric: 'deaths', value, pcode: 'HT0113', asOf, source: source(organisation) },
      });
      expect(res.statusCode).toBe(201);
    }
    const figures = (
      await t.app.inject({ method: 'GET', url: '/api/v1/figures?metric=deaths&latest=1', headers })
    ).json().figures;
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatchObject({ value: 50, conflict: false });
  });
});
