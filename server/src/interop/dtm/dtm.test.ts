/** The IOM DTM API JSON import. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../../test-support/context.js';

const answer = (level: 0 | 1) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`./fixtures/iom-dtm-api-hti-admin${level}.json`, import.meta.url)),
      'utf8',
    ),
  ) as { result: Record<string, unknown>[] };

describe('IOM DTM API import', () => {
  const t = useTestApp();
  let im: Record<string, string>;

  beforeAll(async () => {
    const p = await seedPeople(t.ctx, ['humanitarianIm']);
    im = bearer(await signIn(t.app, p.humanitarianIm.email));
  });

  const post = (payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/import/dtm?fileName=dtm.json',
      headers: im,
      payload: payload as object,
    });
  const count = () =>
    (t.ctx.store.sqlite.prepare('select count(*) n from figures').get() as { n: number }).n;

  it('sums the national records: 127,977 IDPs in round 3 and 197,999 in round 5', async () => {
    const res = await post(answer(0));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'dtm-json',
      rows: 114,
      created: { figures: 57 },
      hashtagRow: null,
    });
    const figures = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/figures?metric=idps&pcode=HT&from=2023-01-01&to=2023-12-31',
      })
    ).json().figures as { value: number; asOf: string; source: { organisation: string } }[];
    expect(figures.map((f) => [f.asOf, f.value])).toEqual([
      ['2023-11-30', 197_999],
      ['2023-03-31', 127_977],
    ]);
    expect(figures.every((f) => f.source.organisation === 'IOM DTM')).toBe(true);
  });

  it('adds nothing the second time, whatever the spacing of the JSON', async () => {
    const before = count();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import/dtm',
      headers: { ...im, 'content-type': 'application/json' },
      payload: JSON.stringify(answer(0), null, 2),
    });
    expect(res.json()).toMatchObject({ created: { figures: 0 }, unchanged: 57 });
    expect(count()).toBe(before);
  });

  it('names each bad record by its place in the list and its field, and imports nothing', async () => {
    const before = count();
    const { result } = answer(1);
    const bad = [
      ...result.slice(0, 3),
      { ...result[3], admin1Pcode: 'HT11' },
      { ...result[4], numPresentIdpInd: -5 },
      { ...result[5], reportingDate: 'March 2023' },
      { ...result[6], admin0Pcode: 'DOM' },
      'not a record',
    ];
    const res = await post({ result: bad });
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { row: number; column?: string; message: string }[];
    expect(details.map((d) => [d.row, d.column])).toEqual([
      [4, 'admin1Pcode'],
      [5, 'numPresentIdpInd'],
      [6, 'reportingDate'],
      [7, 'admin0Pcode'],
      [8, undefined],
    ]);
    expect(details[0]?.message).toMatch(/HT11 is not an admin level 1 P-code/);
    expect(count()).toBe(before);
  });

  it('refuses what is not a DTM answer', async () => {
    const res = await post({ data: [] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].message).toMatch(/"result" list/);
  });
});
