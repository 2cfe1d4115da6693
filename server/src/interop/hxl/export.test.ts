/** HXL export: through the policy and the presenters, audited, and importable again. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { defaultDataDir } from '../../areas/areas.js';
import { signedIn, useTestApp, type TestApp } from '../../test-support/context.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));

const DTM_HXL = join(defaultDataDir(), 'dtm', 'iom-dtm-hti-admin0-2.hxl.csv');

type Headers = Record<string, string>;
const KINDS = ['displacement', 'idp-sites', 'activities', 'access'] as const;

async function upload(
  t: TestApp,
  headers: Headers,
  kind: string,
  body: Buffer | string,
  query = '',
) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/import/hxl?kind=${kind}${query}`,
    headers: { ...headers, 'content-type': 'text/csv' },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function download(t: TestApp, headers: Headers, kind: string, query = '') {
  return t.app.inject({ method: 'GET', url: `/api/v1/export/${kind}.csv${query}`, headers });
}

/** Rows as objects keyed by hashtag, without the Konbit id (made anew by each store). */
function records(csv: string): Record<string, string>[] {
  const [, tags = [], ...rows] = parse(csv) as string[][];
  return rows.map((r) =>
    Object.fromEntries(
      tags.map((tag, i) => [tag, r[i] ?? ''] as const).filter(([tag]) => tag !== '#meta+id'),
    ),
  );
}

/** A small DTM file: the header, the hashtags and the round-3 rows for the metropolitan area. */
function dtmSample(): string {
  const lines = readFileSync(DTM_HXL, 'utf8').split('\n');
  const round3 = lines.filter(
    (l) => l.includes(',2023-03-31T00:00:00,') && /HT011[1-8]|,0,/.test(l),
  );
  return [lines[0], lines[1], ...round3].join('\n');
}

describe('HXL export', () => {
  const a = useTestApp();
  const b = useTestApp();
  let h: Record<'humanitarianIm' | 'humanitarianField' | 'contingent' | 'reporter', Headers>;
  let hb: Record<'humanitarianIm', Headers>;

  beforeAll(async () => {
    h = await signedIn(a, ['humanitarianIm', 'humanitarianField', 'contingent', 'reporter']);
    hb = await signedIn(b, ['humanitarianIm']);
    const im = h.humanitarianIm;
    await upload(a, im, 'displacement', dtmSample());
    await upload(a, im, 'idp-sites', fixture('idp-sites.csv'));
    await upload(a, im, 'activities', fixture('activities.csv'));
    await upload(a, im, 'access', fixture('access.csv'));
    // A figure recorded by hand (no natural key), and a humanitarian-only site.
    await a.app.inject({
      method: 'POST',
      url: '/api/v1/figures',
      headers: im,
      payload: {
        metric: 'idps',
        value: 165000,
        qualifier: 'more-than',
        pcode: 'HT',
        asOf: '2023-06-08',
        source: { organisation: 'IOM', title: 'Gang violence displaces 165,000 in Haiti' },
      },
    });
    await a.app.inject({
      method: 'POST',
      url: '/api/v1/idp-sites',
      headers: im,
      payload: {
        code: 'HT-ILL-SECRET',
        name: 'Protected site (illustrative)',
        type: 'collective-centre',
        location: { lon: -72.3028, lat: 18.5447 },
        classification: 'humanitarian',
      },
    });
  });

  it('writes a header row, a hashtag row the HXL reader accepts, and the records', async () => {
    for (const kind of KINDS) {
      const res = await download(a, h.humanitarianIm, kind);
      expect(res.statusCode, kind).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="konbit-${kind}-2023-06-08.csv"`,
      );
      const [headers, tags, ...rows] = parse(res.body) as string[][];
      expect(headers?.length).toBe(tags?.length);
      expect(tags?.every((t) => /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/.test(t))).toBe(true);
      expect(rows.length).toBe(Number(res.headers['x-record-count']));
    }
  });

  it('gives IDP sites exactly to an NGO, at the commune centroid to a contingent, and hides humanitarian ones', async () => {
    const ngo = records((await download(a, h.humanitarianField, 'idp-sites')).body);
    const delmas = ngo.find((s) => s['#loc+code'] === 'HT-ILL-001');
    expect(delmas).toMatchObject({
      '#geo+lat': '18.5447',
      '#geo+lon': '-72.3028',
      '#meta+generalised': 'no',
    });
    expect(ngo.some((s) => s['#loc+code'] === 'HT-ILL-SECRET')).toBe(true);
    const contingent = records((await download(a, h.contingent, 'idp-sites')).body);
    expect(contingent.find((s) => s['#loc+code'] === 'HT-ILL-001')).toMatchObject({
      '#geo+lat': '18.554306',
      '#geo+lon': '-72.297644',
      '#geo+precision': 'commune',
      '#meta+generalised': 'yes',
    });
    expect(contingent.some((s) => s['#loc+code'] === 'HT-ILL-SECRET')).toBe(false);
  });

  it('filters by area and date', async () => {
    const cite = records(
      (await download(a, h.humanitarianIm, 'displacement', '?pcode=HT0117')).body,
    );
    expect(cite.map((f) => [f['#adm2+code'], f['#affected+idps']])).toEqual([['HT0117', '11686']]);
    const june = records(
      (await download(a, h.humanitarianIm, 'displacement', '?from=2023-06-01')).body,
    );
    expect(june.map((f) => f['#affected+idps'])).toEqual(['165000']);
  });

  it('records every export in the audit log', async () => {
    const before = (
      a.ctx.store.sqlite
        .prepare(
          "select count(*) n from change_log where entity = 'audit' and entity_id = 'access-export'",
        )
        .get() as { n: number }
    ).n;
    await download(a, h.contingent, 'access');
    const entries = a.ctx.store.sqlite
      .prepare(
        "select actor, payload from change_log where entity = 'audit' and entity_id = 'access-export'",
      )
      .all() as { payload: string }[];
    expect(entries).toHaveLength(before + 1);
    expect(JSON.parse(entries[entries.length - 1]?.payload ?? '{}')).toMatchObject({
      action: 'export',
      entity: 'access',
      count: 2,
    });
  });

  it('refuses a role without the export action, and anyone signed out', async () => {
    expect((await download(a, h.reporter, 'activities')).statusCode).toBe(403);
    expect((await download(a, {}, 'activities')).statusCode).toBe(401);
    expect((await download(a, h.humanitarianIm, 'people')).statusCode).toBe(400);
  });

  it('imports again into the same store adding nothing', async () => {
    for (const kind of KINDS) {
      const csv = (await download(a, h.humanitarianIm, kind)).body;
      const result = await upload(a, h.humanitarianIm, kind, csv);
      const created = Object.values(result.created as Record<string, number>).reduce(
        (s, n) => s + n,
        0,
      );
      expect(created, kind).toBe(0);
      expect(result.updated, kind).toBe(0);
    }
  });

  it('imports into another store, which then exports the same records', async () => {
    for (const kind of ['idp-sites', 'displacement', 'activities', 'access'] as const) {
      const first = (await download(a, h.humanitarianIm, kind)).body;
      await upload(b, hb.humanitarianIm, kind, first);
      const second = (await download(b, hb.humanitarianIm, kind)).body;
      const sort = (rows: Record<string, string>[]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(sort(records(second)), kind).toEqual(sort(records(first)));
    }
  });
});
