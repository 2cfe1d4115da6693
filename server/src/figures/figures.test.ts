import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';

const IOM = {
  organisation: 'IOM',
  title: 'Gang violence displaces 165,000 in Haiti, hinders aid efforts',
  url: 'https://www.iom.int/news/gang-violence-displaces-165000-haiti-hinders-aid-efforts',
  published: '2023-06-08',
};

describe('figures with sources', () => {
  const t = useTestApp();
  let im: Record<string, string>;
  let ops: Record<string, string>;
  let ngo: Record<string, string>;

  beforeAll(async () => {
    const people = await seedPeople(t.ctx, [
      'humanitarianIm',
      'missionOps',
      'humanitarianField',
      'contingent',
    ]);
    im = bearer(await signIn(t.app, people.humanitarianIm.email));
    ops = bearer(await signIn(t.app, people.missionOps.email));
    ngo = bearer(await signIn(t.app, people.humanitarianField.email));
  });

  const post = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/figures', headers, payload });

  it('records a figure as public by default and returns it with its source and place name', async () => {
    const res = await post(im, {
      metric: 'idps',
      value: 165000,
      qualifier: 'more-than',
      pcode: 'HT',
      asOf: '2023-06-08',
      source: IOM,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      value: 165000,
      unit: 'people',
      classification: 'public',
      place: { pcode: 'HT', name: 'Haïti', level: 0 },
      source: { organisation: 'IOM' },
    });
  });

  it('gives the latest figure per metric and place as of the server’s now', async () => {
    await post(im, {
      metric: 'idps',
      value: 127977,
      pcode: 'HT',
      asOf: '2023-03-31',
      source: { organisation: 'IOM DTM', title: 'DTM round 3' },
    });
    await post(im, {
      metric: 'idps',
      value: 197999,
      pcode: 'HT',
      asOf: '2023-11-30',
      source: { organisation: 'IOM DTM', title: 'DTM round 5' },
    });
    const latest = await t.app.inject({
      method: 'GET',
      url: '/api/v1/figures?metric=idps&latest=1',
    });
    expect(latest.statusCode).toBe(200);
    const figures = latest.json().figures;
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatchObject({ value: 165000, source: { organisation: 'IOM' } });
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/figures?metric=idps&pcode=HT' });
    expect(all.json().figures.map((f: { value: number }) => f.value)).toEqual([
      197999, 165000, 127977,
    ]);
  });

  it('refuses a P-code that is not in the boundaries with 422 naming pcode', async () => {
    const res = await post(im, {
      metric: 'idps',
      value: 10,
      pcode: 'HT9999',
      asOf: '2023-06-01',
      source: IOM,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'UnknownPcode', field: 'pcode' });
  });

  it('keeps a mission figure from humanitarian users in lists and single reads', async () => {
    const created = await post(ops, {
      metric: 'injured',
      value: 3,
      pcode: 'HT0118',
      asOf: '2023-06-07',
      source: { organisation: 'Force HQ', title: 'Patrol report (illustrative)' },
      classification: 'mission',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/figures?metric=injured',
      headers: ngo,
    });
    expect(list.json().figures.map((f: { id: string }) => f.id)).not.toContain(id);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/figures/${id}`, headers: ngo }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/figures/${id}`, headers: ops }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses an NGO filing a mission figure', async () => {
    const res = await post(ngo, {
      metric: 'deaths',
      value: 1,
      pcode: 'HT',
      asOf: '2023-06-01',
      source: IOM,
      classification: 'mission',
    });
    expect(res.statusCode).toBe(403);
  });

  describe('idempotent creates', () => {
    const body = {
      metric: 'deaths',
      value: 51,
      pcode: 'HT',
      asOf: '2023-06-06',
      source: { organisation: 'OCHA', title: 'Flash update 2' },
    };
    const count = () =>
      (
        t.ctx.store.sqlite
          .prepare("select count(*) n from figures where source_title = 'Flash update 2'")
          .get() as { n: number }
      ).n;

    it('returns the original response for the same key and body, storing one row', async () => {
      const headers = { ...im, 'idempotency-key': 'flash-2-deaths' };
      const first = await post(headers, body);
      const second = await post(headers, body);
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(count()).toBe(1);
    });

    it('answers 422 IdempotencyKeyReused for the same key with another body', async () => {
      const res = await post(
        { ...im, 'idempotency-key': 'flash-2-deaths' },
        { ...body, value: 52 },
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('IdempotencyKeyReused');
      expect(count()).toBe(1);
    });

    it('creates exactly one row for concurrent duplicates', async () => {
      const headers = { ...im, 'idempotency-key': 'concurrent-1' };
      const b = { ...body, source: { organisation: 'OCHA', title: 'concurrent' } };
      const results = await Promise.all(Array.from({ length: 8 }, () => post(headers, b)));
      expect(new Set(results.map((r) => r.statusCode))).toEqual(new Set([201]));
      expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
      expect(
        t.ctx.store.sqlite
          .prepare("select count(*) n from figures where source_title = 'concurrent'")
          .get(),
      ).toEqual({ n: 1 });
    });

    it('treats a client-made id as the key', async () => {
      const id = '0190a0b2-7c1e-7d3f-8a4b-1c2d3e4f5a6b';
      const first = await post(im, {
        ...body,
        id,
        source: { organisation: 'OCHA', title: 'by id' },
      });
      const again = await post(im, {
        ...body,
        id,
        source: { organisation: 'OCHA', title: 'by id' },
      });
      expect(first.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      const clash = await post(ops, {
        ...body,
        id,
        source: { organisation: 'OCHA', title: 'by id' },
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().error.code).toBe('AlreadyExists');
    });

    it('keeps keys of different users apart', async () => {
      const a = await post(
        { ...im, 'idempotency-key': 'shared-key' },
        { ...body, source: { organisation: 'OCHA', title: 'user a' } },
      );
      const b = await post(
        { ...ops, 'idempotency-key': 'shared-key' },
        { ...body, source: { organisation: 'OCHA', title: 'user b' } },
      );
      expect(a.statusCode).toBe(201);
      expect(b.statusCode).toBe(201);
      expect(a.json().id).not.toBe(b.json().id);
    });
  });
});
