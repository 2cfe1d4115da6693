/** HXL import over HTTP: every kind, all or nothing, and a second import adding nothing. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../areas/areas.js';
import { signedIn, useTestApp } from '../../test-support/context.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));
const DTM_HXL = join(defaultDataDir(), 'dtm', 'iom-dtm-hti-admin0-2.hxl.csv');

type Headers = Record<string, string>;

describe('HXL import', () => {
  const t = useTestApp();
  const h = {} as Record<'im' | 'ngo' | 'contingent' | 'donor', Headers>;

  beforeAll(async () => {
    const s = await signedIn(t, ['humanitarianIm', 'humanitarianField', 'contingent', 'donor']);
    Object.assign(h, {
      im: s.humanitarianIm,
      ngo: s.humanitarianField,
      contingent: s.contingent,
      donor: s.donor,
    });
  });

  const upload = (
    query: string,
    body: Buffer | string,
    headers: Headers = h.im,
    type = 'text/csv',
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/import/hxl?${query}`,
      headers: { ...headers, 'content-type': type },
      payload: body,
    });
  const count = (table: string) =>
    (t.ctx.store.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
  const figures = async (query: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/v1/figures?${query}`, headers: h.contingent })
    ).json().figures as {
      value: number;
      asOf: string;
      place: { pcode: string };
      source: { organisation: string; method: string | null };
      dtm: { round: number } | null;
      breakdown: { by: string; label: string; value: number }[];
    }[];

  describe('IOM DTM displacement data (HXL)', () => {
    let first: Record<string, unknown>;

    it('sums the rows into one figure per operation, round, level, place and date', async () => {
      const res = await upload(
        'kind=displacement&fileName=iom-dtm-hti-admin0-2.hxl.csv',
        readFileSync(DTM_HXL),
      );
      expect(res.statusCode, res.body).toBe(200);
      first = res.json();
      expect(first).toMatchObject({
        kind: 'displacement',
        encoding: 'utf-8',
        hashtagRow: 2,
        rows: 1733,
        created: { figures: 1402, idpSites: 0 },
        unchanged: 0,
        datedAfterToday: 745,
      });
    });

    it('gives 127,977 IDPs for Haiti in round 3 (2023-03-31), sourced to IOM DTM', async () => {
      const [national, ...rest] = await figures(
        'metric=idps&pcode=HT&from=2023-03-31&to=2023-03-31',
      );
      expect(rest).toHaveLength(0);
      expect(national).toMatchObject({
        value: 127_977,
        asOf: '2023-03-31',
        source: { organisation: 'IOM DTM', method: 'DTM round 3, baseline assessment' },
        dtm: { operation: 'Countrywide monitoring', round: 3, adminLevel: 0, assessmentType: 'BA' },
      });
      const reasons = national?.breakdown.filter((b) => b.by === 'displacement-reason') ?? [];
      expect(reasons.reduce((s, b) => s + b.value, 0)).toBe(127_977);
    });

    it('gives round 3 by commune: Port-au-Prince 61,817, Delmas 31,299, Cité Soleil 11,686', async () => {
      const byCommune = Object.fromEntries(
        (await figures('metric=idps&from=2023-03-31&to=2023-03-31'))
          .filter((f) => f.dtm?.round === 3)
          .map((f) => [f.place.pcode, f.value]),
      );
      expect(byCommune).toMatchObject({ HT0111: 61_817, HT0112: 31_299, HT0117: 11_686 });
    });

    it('stores rounds dated after today without making them the latest', async () => {
      const all = await figures('metric=idps&pcode=HT');
      expect(all.some((f) => f.asOf === '2023-11-30' && f.value === 197_999)).toBe(true);
      const [latest, ...rest] = await figures('metric=idps&pcode=HT&latest=1');
      expect(rest).toHaveLength(0);
      expect(latest).toMatchObject({ value: 127_977, asOf: '2023-03-31' });
    });

    it('adds nothing when the same file is imported again', async () => {
      const before = count('figures');
      const res = await upload('kind=displacement', readFileSync(DTM_HXL));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        created: { figures: 0 },
        unchanged: 1402,
        sha256: first['sha256'],
      });
      expect(count('figures')).toBe(before);
    });

    it('adds nothing when the DTM API JSON of the same data follows the HXL', async () => {
      const before = count('figures');
      for (const level of [0, 1]) {
        const body = readFileSync(
          fileURLToPath(
            new URL(`../dtm/fixtures/iom-dtm-api-hti-admin${level}.json`, import.meta.url),
          ),
        );
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/import/dtm',
          headers: { ...h.im, 'content-type': 'application/json' },
          payload: body,
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ kind: 'dtm-json', created: { figures: 0 } });
        expect(res.json().unchanged).toBe(level === 0 ? 57 : 143);
      }
      expect(count('figures')).toBe(before);
    });
  });

  describe('all or nothing', () => {
    it('reports every seeded error with its row and column, and imports nothing', async () => {
      const figuresBefore = count('figures');
      const logBefore = count('change_log');
      const res = await upload(
        'kind=displacement&fileName=seeded.csv',
        fixture('displacement-seeded-errors.csv'),
      );
      expect(res.statusCode).toBe(422);
      const { error } = res.json();
      expect(error.code).toBe('ImportFailed');
      expect(error.message).toMatch(/^seeded\.csv has 9 errors; nothing was imported/);
      const details = error.details.map((d: { row?: number; column?: string }) => [
        d.row,
        d.column,
      ]);
      expect(details).toEqual([
        [2, 'H'],
        [4, '#adm2+code'],
        [5, '#date+reported'],
        [6, '#affected+idps'],
        [7, '#adm2+code'],
        [8, '#country+code'],
        [9, '#date+reported'],
        [10, '#meta+source'],
        [11, '#affected+idps'],
      ]);
      const messages = error.details.map((d: { message: string }) => d.message);
      expect(messages[1]).toMatch(/HT0199 is not a P-code/);
      expect(messages[2]).toMatch(/YYYY-MM-DD, got "31\/05\/2023"/);
      expect(messages[3]).toMatch(/whole number.*"ten"/);
      expect(messages[4]).toMatch(/HT0114 is not in HT02/);
      expect(messages[8]).toMatch(/already on row 3/);
      expect(count('figures')).toBe(figuresBefore);
      expect(count('change_log')).toBe(logBefore);
    });

    it('refuses a file without a hashtag row (libhxl’s untagged file), importing nothing', async () => {
      const before = count('change_log');
      const res = await upload('kind=activities', fixture('input-untagged.csv'));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual([
        { message: expect.stringMatching(/No HXL hashtag row in the first 25 rows/) },
      ]);
      expect(count('change_log')).toBe(before);
    });

    it('names the bad hashtags of libhxl’s fuzzy file and the columns it lacks', async () => {
      const res = await upload('kind=activities', fixture('input-fuzzy.csv'));
      expect(res.statusCode).toBe(422);
      const details = res.json().error.details as {
        row?: number;
        column: string;
        message: string;
      }[];
      expect(details.slice(0, 2)).toEqual([
        { row: 3, column: 'G', message: expect.stringMatching(/"country" is not an HXL hashtag/) },
        { row: 3, column: 'H', message: expect.stringMatching(/"adm1" is not an HXL hashtag/) },
      ]);
      // #sector+es stands for the cluster; the activity and status columns are missing.
      expect(details.slice(2).map((d) => d.column)).toEqual(['#activity+name', '#status']);
    });

    it('reads a Latin-1 file (as libhxl’s reference file is) with its accents intact', async () => {
      const latin1 = Buffer.from(
        'Commune,Date,Déplacés,Source\n#adm2+code,#date+reported,#affected+idps,#meta+source\nHT0117,2023-06-05,12906,Direction générale de la protection civile\n',
        'latin1',
      );
      const res = await upload('kind=displacement&sourceTitle=Bilan%20des%20pluies', latin1);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ encoding: 'latin1', created: { figures: 1 } });
      const [f] = await figures('metric=idps&pcode=HT0117&from=2023-06-05&to=2023-06-05');
      expect(f?.source.organisation).toBe('Direction générale de la protection civile');
    });

    it('refuses a figure whose value changed since it was imported, naming both values', async () => {
      const body = (n: number) =>
        `Commune,Date,IDPs\n#adm2+code,#date+reported,#affected+idps\nHT0116,2023-06-01,${n}\n`;
      const q = 'kind=displacement&sourceOrganisation=OCHA&sourceTitle=Snapshot';
      expect((await upload(q, body(100))).statusCode).toBe(200);
      const changed = await upload(q, body(120));
      expect(changed.statusCode).toBe(422);
      expect(changed.json().error.details[0]).toMatchObject({
        row: 3,
        column: '#affected+idps',
        message: expect.stringMatching(/imported before with 100, not 120/),
      });
    });
  });

  describe('IDP sites, activities and access constraints', () => {
    it('imports IDP sites with their population, then adds nothing the second time', async () => {
      const res = await upload('kind=idp-sites', fixture('idp-sites.csv'));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ created: { idpSites: 3, figures: 5 }, unchanged: 0 });
      const again = await upload('kind=idp-sites', fixture('idp-sites.csv'));
      expect(again.json()).toMatchObject({
        created: { idpSites: 0, figures: 0 },
        updated: 0,
        unchanged: 8,
      });
      const sites = (
        await t.app.inject({ method: 'GET', url: '/api/v1/idp-sites', headers: h.ngo })
      ).json().sites;
      const tabarre = sites.find((s: { code: string }) => s.code === 'HT-ILL-002');
      expect(tabarre).toMatchObject({
        type: 'spontaneous-site',
        commune: { pcode: 'HT0118' },
        location: { generalised: false },
        population: { idps: { value: 2100 }, households: { value: 560 } },
      });
    });

    it('updates a site whose status the file changes', async () => {
      const closed = fixture('idp-sites.csv')
        .toString()
        .replace('HT0113,open,,', 'HT0113,closed,,');
      const res = await upload('kind=idp-sites', closed);
      expect(res.json()).toMatchObject({ created: { idpSites: 0 }, updated: 1 });
    });

    it('imports a 3W with French and English cluster names; filters and totals work on it', async () => {
      const res = await upload('kind=activities', fixture('activities.csv'));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().created.activities).toBe(5);
      expect((await upload('kind=activities', fixture('activities.csv'))).json()).toMatchObject({
        created: { activities: 0 },
        unchanged: 5,
      });
      const wash = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/activities?sector=water-sanitation-hygiene',
          headers: h.contingent,
        })
      ).json();
      expect(wash.activities).toHaveLength(2);
      expect(wash.totals.reached.total).toBe(30 + 2500);
    });

    it('imports a road-segment constraint from WKT and a commune one', async () => {
      const res = await upload('kind=access', fixture('access.csv'));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().created.accessConstraints).toBe(2);
      const open = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/access-constraints',
          headers: h.contingent,
        })
      ).json().constraints;
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        scope: 'road',
        place: 'RN2 at Martissant',
        category: 'military-operations-or-hostilities',
        geometry: { type: 'LineString' },
      });
      expect(open[0].communes.map((c: { pcode: string }) => c.pcode)).toEqual(['HT0111', 'HT0113']);
      expect((await upload('kind=access', fixture('access.csv'))).json()).toMatchObject({
        created: { accessConstraints: 0 },
        unchanged: 2,
      });
    });
  });

  describe('who may import', () => {
    it('refuses roles without the import action, and anyone signed out', async () => {
      for (const who of ['contingent', 'donor', 'ngo'] as const) {
        const res = await upload('kind=displacement', readFileSync(DTM_HXL), h[who]);
        expect(res.statusCode, who).toBe(403);
      }
      expect((await upload('kind=displacement', 'x', {})).statusCode).toBe(401);
    });

    it('answers a JSON body to the HXL import with 415, and an empty one with 400', async () => {
      const json = await upload('kind=access', '{}', h.im, 'application/json');
      expect(json.statusCode, json.body).toBe(415);
      expect((await upload('kind=access', '', h.im)).statusCode).toBe(400);
      expect((await upload('kind=people', 'x')).statusCode).toBe(400);
    });
  });
});

describe('the import size limit', () => {
  const t = useTestApp({ config: { importLimitBytes: 2048 } });

  it('answers a larger file with 413 naming the import limit', async () => {
    const { humanitarianIm } = await signedIn(t, ['humanitarianIm']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import/hxl?kind=displacement',
      headers: { ...humanitarianIm, 'content-type': 'text/csv' },
      payload: readFileSync(DTM_HXL),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/2048 bytes/);
  });
});
