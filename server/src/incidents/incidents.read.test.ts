import {
  bboxToMicro,
  INCIDENT_TYPES,
  lonLat,
  missionDay,
  newId,
  parseBBox,
  type CreateIncidentInput,
} from '@konbit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';
import { SseClient } from '../test-support/sse.js';
import {
  BEL_AIR,
  CITE_SOLEIL,
  DELMAS,
  offset,
  report,
  untilFiled,
} from '../test-support/incidents.js';

type Headers = Record<string, string>;
interface Feature {
  id: string;
  geometry: { coordinates: [number, number] } | null;
  properties: Record<string, unknown> & { type: string; occurredAt: string; pcode: string | null };
}

/** A small deterministic random source, so the data (and any failure) is the same every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const CITY = '-72.45,18.45,-72.2,18.65';
const GRADES = {
  reliability: ['A', 'B', 'C', 'F'] as const,
  credibility: ['1', '2', '3', '6'] as const,
};

describe('reading incidents: lists, search, clusters and statistics', () => {
  const t = useTestApp({ listen: true });
  const h = {} as Record<'ops' | 'contingent' | 'im' | 'field' | 'reporter' | 'admin', Headers>;
  const seeded: { id: string; by: string; input: CreateIncidentInput }[] = [];

  beforeAll(async () => {
    const p = await seedPeople(t.ctx);
    h.ops = bearer(await signIn(t.app, p.missionOps.email));
    h.contingent = bearer(await signIn(t.app, p.contingent.email));
    h.im = bearer(await signIn(t.app, p.humanitarianIm.email));
    h.field = bearer(await signIn(t.app, p.humanitarianField.email));
    h.reporter = bearer(await signIn(t.app, p.reporter.email));
    h.admin = bearer(await signIn(t.app, p.admin.email));
    const r = random(11);
    // A point off the coast falls back to the neighbourhood's own point.
    const onLand = (p: { lon: number; lat: number }, spot: { lon: number; lat: number }) =>
      t.ctx.areas.locate(lonLat(p.lon, p.lat)) ? p : spot;
    const spots = [CITE_SOLEIL, BEL_AIR, DELMAS];
    const by = ['contingent', 'im', 'ops'] as const;
    for (const who of by) {
      const items: CreateIncidentInput[] = [];
      for (let i = 0; i < 400; i += 1) {
        const spot = spots[Math.floor(r() * spots.length)] ?? CITE_SOLEIL;
        const precision = r() < 0.9 ? 'exact' : 'commune';
        const at = new Date(
          Date.parse('2023-06-08T12:00:00Z') - Math.floor(r() * 120 * 86_400_000),
        );
        const type = INCIDENT_TYPES[Math.floor(r() * 6)] ?? 'attack';
        items.push(
          report({
            id: newId(),
            type,
            occurredAt: at.toISOString(),
            // Several reports share an instant, so pagination must break ties.
            ...(i % 25 === 0 ? { occurredAt: '2023-06-01T12:00:00.000Z' } : {}),
            ...(precision === 'exact'
              ? { location: onLand(offset(spot, (r() - 0.5) * 3000, (r() - 0.5) * 3000), spot) }
              : { location: undefined, locationPrecision: 'commune', pcode: 'HT0117' }),
            classification: who === 'ops' && i % 2 === 0 ? 'partners' : undefined,
            description: `Rapport ${who} ${i}`,
            // Source grades vary, so the grade filters have something to leave out.
            source: {
              kind: 'patrol',
              reliability: GRADES.reliability[i % 4],
              credibility: GRADES.credibility[Math.floor(i / 4) % 4],
            },
          }),
        );
      }
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/incidents/batch',
        headers: h[who],
        payload: { items },
      });
      expect(
        res.json().rejected,
        JSON.stringify(res.json().results.find((x: { error?: unknown }) => x.error)),
      ).toBe(0);
      for (const item of items) seeded.push({ id: item.id as string, by: who, input: item });
    }
    await untilFiled(t.app, h.ops);
  });

  const list = (headers: Headers, query: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/incidents?${query}`, headers });

  async function all(headers: Headers, query: string, limit = 97): Promise<Feature[]> {
    const out: Feature[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 200; page += 1) {
      const res = await list(
        headers,
        `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      out.push(...body.features);
      cursor = body.nextCursor;
      if (cursor === null) return out;
    }
    throw new Error('too many pages');
  }

  describe('validation', () => {
    it('requires bbox or pcode with 400 naming bbox', async () => {
      const res = await list(h.ops, 'limit=10');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'ValidationFailed', field: 'bbox' });
    });

    it('refuses a malformed or inverted bbox with 400', async () => {
      for (const bbox of ['1,2,3', '-72.2,18.5,-72.4,18.6', 'a,b,c,d', '-72.4,18.5,-72.2,95']) {
        const res = await list(h.ops, `bbox=${bbox}`);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.field).toBe('bbox');
      }
    });

    it('refuses a limit above 5000 with 400 naming limit', async () => {
      const res = await list(h.ops, `bbox=${CITY}&limit=5001`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('limit');
      expect(res.json().error.message).toMatch(/cursor/);
      expect((await list(h.ops, `bbox=${CITY}&limit=0`)).statusCode).toBe(400);
    });

    it('refuses an unknown type, a bad cursor and an unknown parameter with 400', async () => {
      const badType = (await list(h.ops, `bbox=${CITY}&types=armed-clash,bananas`)).json().error;
      expect(badType.field).toBe('types.1');
      expect(badType.message).toMatch(/armed-clash, attack/);
      expect((await list(h.ops, `bbox=${CITY}&cursor=xyz`)).json().error.field).toBe('cursor');
      expect((await list(h.ops, `bbox=${CITY}&colour=red`)).json().error.field).toBe('colour');
    });

    it('answers with GeoJSON, newest first', async () => {
      const res = await list(h.ops, `bbox=${CITY}&limit=50`);
      expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
      const times = (res.json().features as Feature[]).map((f) => f.properties.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);
    });
  });

  describe('keyset pagination', () => {
    it('pages through a box without gaps or repeats, ties included', async () => {
      const from = '2023-01-01T00:00:00Z';
      const paged = await all(h.ops, `bbox=${CITY}&from=${from}`);
      const once = await all(h.ops, `bbox=${CITY}&from=${from}`, 5000);
      expect(paged.map((f) => f.id)).toEqual(once.map((f) => f.id));
      expect(new Set(paged.map((f) => f.id)).size).toBe(paged.length);
      // Exactly what mission HQ may read and has a point: the contingent’s and its own.
      const expected = seeded.filter((s) => s.by !== 'im').length;
      expect(paged.length).toBe(expected);
    });

    it('pages through a commune the same way', async () => {
      const paged = await all(h.ops, 'pcode=HT0117&from=2023-01-01T00:00:00Z', 41);
      const once = await all(h.ops, 'pcode=HT0117&from=2023-01-01T00:00:00Z', 5000);
      expect(paged.map((f) => f.id)).toEqual(once.map((f) => f.id));
      expect(paged.every((f) => f.properties.pcode === 'HT0117')).toBe(true);
    });
  });

  describe('full-text search', () => {
    beforeAll(async () => {
      for (const description of [
        'Barricades à Pétion-Ville, route de Frères',
        'Tirs à Cité-Soleil près de Brooklyn',
        'Manifestation à Delmas 33',
      ]) {
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/incidents',
          headers: h.ops,
          payload: report({ description, location: DELMAS, occurredAt: '2023-06-05T10:00:00Z' }),
        });
      }
    });
    const search = async (q: string) =>
      (await all(h.ops, `bbox=${CITY}&q=${encodeURIComponent(q)}`)).map(
        (f) => f.properties.summary as string,
      );

    it('finds "Pétion-Ville" with "petionville" and "Cité-Soleil" with "cite soleil"', async () => {
      expect(await search('petionville')).toEqual(['Barricades à Pétion-Ville, route de Frères']);
      expect(await search('PETION ville')).toEqual(['Barricades à Pétion-Ville, route de Frères']);
      expect(await search('cite soleil')).toContain('Tirs à Cité-Soleil près de Brooklyn');
      expect(await search('brook')).toEqual(['Tirs à Cité-Soleil près de Brooklyn']);
    });

    it('finds nothing for a word that is not there, and refuses a search of no words', async () => {
      expect(await search('martissant')).toEqual([]);
      expect((await list(h.ops, `bbox=${CITY}&q=${encodeURIComponent('---')}`)).statusCode).toBe(
        400,
      );
    });
  });

  describe('clusters', () => {
    it('counts in each cell exactly what the list returns for that cell', async () => {
      const window = 'from=2023-03-01T00:00:00Z&to=2023-06-08T16:00:00Z';
      for (const [headers, filter] of [
        [h.ops, ''],
        [h.contingent, '&types=armed-clash,attack'],
        [h.field, ''],
      ] as const) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/incidents/clusters?bbox=${CITY}&zoom=13&${window}${filter}`,
          headers,
        });
        expect(res.statusCode, res.body).toBe(200);
        const { clusters, total } = res.json();
        expect(clusters.length).toBeGreaterThan(3);
        let sum = 0;
        for (const c of clusters) {
          const listed = await all(headers, `bbox=${c.bbox.join(',')}&${window}${filter}`, 5000);
          expect(listed.length, `cell ${c.cell}`).toBe(c.count);
          sum += listed.length;
          const byType: Record<string, number> = {};
          for (const f of listed) byType[f.properties.type] = (byType[f.properties.type] ?? 0) + 1;
          expect(byType).toEqual(c.byType);
        }
        expect(total).toBe(sum);
        expect((await all(headers, `bbox=${CITY}&${window}${filter}`, 5000)).length).toBe(total);
      }
    });

    it('filters by source grade the same way in the list and the clusters', async () => {
      const window = 'from=2023-03-01T00:00:00Z&to=2023-06-08T16:00:00Z';
      const everything = await all(h.ops, `bbox=${CITY}&${window}`, 5000);
      for (const filter of [
        '&reliability=A,B',
        '&credibility=6',
        '&reliability=C&credibility=1,3',
      ]) {
        const params = new URLSearchParams(filter.slice(1));
        const reliability = params.get('reliability')?.split(',');
        const credibility = params.get('credibility')?.split(',');
        const expected = everything.filter((f) => {
          const source = f.properties['source'] as { reliability: string; credibility: string };
          return (
            (!reliability || reliability.includes(source.reliability)) &&
            (!credibility || credibility.includes(source.credibility))
          );
        });
        expect(expected.length).toBeGreaterThan(0);
        expect(expected.length).toBeLessThan(everything.length);
        const listed = await all(h.ops, `bbox=${CITY}&${window}${filter}`, 5000);
        expect(listed.map((f) => f.id).sort()).toEqual(expected.map((f) => f.id).sort());
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/incidents/clusters?bbox=${CITY}&zoom=13&${window}${filter}`,
          headers: h.ops,
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().total).toBe(expected.length);
        // The commune path (read from the table) applies the same filters.
        const inCommune = await all(h.ops, `pcode=HT0117&${window}${filter}`, 5000);
        for (const f of inCommune) {
          const source = f.properties['source'] as { reliability: string; credibility: string };
          if (reliability) expect(reliability).toContain(source.reliability);
          if (credibility) expect(credibility).toContain(source.credibility);
        }
      }
    });

    it('refuses a source grade that is not A–F or 1–6 with 400 naming the parameter', async () => {
      for (const [query, field] of [
        ['reliability=G', 'reliability'],
        ['credibility=7', 'credibility'],
      ] as const) {
        const res = await list(h.ops, `bbox=${CITY}&${query}`);
        expect(res.statusCode).toBe(400);
        // The first value that is wrong, by its position: `reliability.0`.
        expect(res.json().error.field).toBe(`${field}.0`);
        expect(res.json().error.message).toMatch(/one of/);
        const clusters = await t.app.inject({
          method: 'GET',
          url: `/api/v1/incidents/clusters?bbox=${CITY}&zoom=12&${query}`,
          headers: h.ops,
        });
        expect(clusters.statusCode).toBe(400);
        expect(clusters.json().error.field).toBe(`${field}.0`);
      }
    });

    it('refuses a zoom out of range and a window over 400 days with 400', async () => {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/incidents/clusters?bbox=${CITY}&zoom=25`,
          })
        ).statusCode,
      ).toBe(400);
      const wide = await t.app.inject({
        method: 'GET',
        url: `/api/v1/incidents/clusters?bbox=${CITY}&zoom=12&from=2020-01-01T00:00:00Z`,
      });
      expect(wide.statusCode).toBe(400);
      expect(wide.json().error.field).toBe('from');
    });
  });

  describe('statistics', () => {
    it('agrees with a count of the list, by commune, type and week', async () => {
      const from = '2023-02-15';
      const to = '2023-06-08';
      const start = '2023-02-15T05:00:00.000Z';
      const end = '2023-06-09T04:00:00.000Z';
      for (const headers of [h.ops, h.im, h.reporter]) {
        const listed: Feature[] = [];
        for (const pcode of ['HT0111', 'HT0112', 'HT0117', 'HT0118', 'HT0114']) {
          listed.push(...(await all(headers, `pcode=${pcode}&from=${start}&to=${end}`, 5000)));
        }
        for (const groupBy of ['pcode', 'type', 'week'] as const) {
          const res = await t.app.inject({
            method: 'GET',
            url: `/api/v1/incidents/stats?groupBy=${groupBy}&from=${from}&to=${to}`,
            headers,
          });
          expect(res.statusCode, res.body).toBe(200);
          const counted: Record<string, number> = {};
          for (const f of listed) {
            const day = missionDay(new Date(f.properties.occurredAt));
            const monday = new Date(`${day}T00:00:00Z`);
            monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
            const key =
              groupBy === 'pcode'
                ? (f.properties.pcode as string)
                : groupBy === 'type'
                  ? f.properties.type
                  : monday.toISOString().slice(0, 10);
            counted[key] = (counted[key] ?? 0) + 1;
          }
          const stats = Object.fromEntries(
            (res.json().groups as { key: string; count: number }[]).map((g) => [g.key, g.count]),
          );
          expect(stats).toEqual(counted);
          expect(res.json().total.count).toBe(listed.length);
        }
      }
    });

    it('names communes and weeks, and refuses a period backwards with 400', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/incidents/stats?groupBy=pcode&from=2023-01-01&to=2023-06-08',
        headers: h.ops,
      });
      const soleil = res.json().groups.find((g: { key: string }) => g.key === 'HT0117');
      expect(soleil.label).toBe('Cité Soleil');
      const weeks = await t.app.inject({
        method: 'GET',
        url: '/api/v1/incidents/stats?groupBy=week&from=2023-06-05&to=2023-06-08',
        headers: h.ops,
      });
      expect(weeks.json().groups[0]).toMatchObject({ key: '2023-06-05', label: '2023-W23' });
      const backwards = await t.app.inject({
        method: 'GET',
        url: '/api/v1/incidents/stats?groupBy=pcode&from=2023-06-08&to=2023-01-01',
        headers: h.ops,
      });
      expect(backwards.statusCode).toBe(400);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/incidents/stats?groupBy=colour' }))
          .statusCode,
      ).toBe(400);
    });
  });

  describe('sensitive reports', () => {
    let id: string;
    const exact = offset(BEL_AIR, 120, 80);

    beforeAll(async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: h.ops,
        payload: report({
          type: 'sexual-violence',
          location: exact,
          occurredAt: '2023-06-06T20:00:00Z',
          description: 'Agression signalée près du marché',
        }),
      });
      expect(res.statusCode).toBe(201);
      id = res.json().incident.id;
    });

    it('shows a contingent user the commune centroid, flagged as generalised', async () => {
      const centroid = t.ctx.areas.get('HT0111')?.centroid;
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/incidents/${id}`,
        headers: h.contingent,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().geometry.coordinates).toEqual([...(centroid ?? [])]);
      expect(res.json().properties).toMatchObject({
        generalised: true,
        locationPrecision: 'commune',
        pcode: 'HT0111',
      });
      expect(res.body).not.toContain(String(exact.lon));
    });

    it('shows the reporting organisation and analysts the exact point', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/incidents/${id}`,
        headers: h.ops,
      });
      expect(res.json().geometry.coordinates).toEqual([exact.lon, exact.lat]);
      expect(res.json().properties.generalised).toBe(false);
    });

    it('never lets a box around the exact point find it for those who may not see it', async () => {
      const tight = `${exact.lon - 0.0005},${exact.lat - 0.0005},${exact.lon + 0.0005},${exact.lat + 0.0005}`;
      const window = 'from=2023-06-06T00:00:00Z&to=2023-06-07T00:00:00Z';
      const ids = async (headers: Headers, bbox: string) =>
        (await all(headers, `bbox=${bbox}&${window}`, 5000)).map((f) => f.id);
      expect(await ids(h.ops, tight)).toContain(id);
      expect(await ids(h.contingent, tight)).not.toContain(id);
      const centroid = t.ctx.areas.get('HT0111')?.centroid ?? [0, 0];
      const aroundCentroid = `${centroid[0] - 0.0005},${centroid[1] - 0.0005},${centroid[0] + 0.0005},${centroid[1] + 0.0005}`;
      expect(await ids(h.contingent, aroundCentroid)).toContain(id);
      expect(await ids(h.ops, aroundCentroid)).not.toContain(id);
      const box = bboxToMicro(parseBBox(tight));
      expect(box.w).toBeLessThan(box.e);
    });

    it('generalises it on the live feed too', async () => {
      const feeds = {
        ops: await SseClient.open(`${t.url}/api/v1/feed`, h.ops),
        contingent: await SseClient.open(`${t.url}/api/v1/feed`, h.contingent),
      };
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: h.ops,
        payload: report({
          type: 'sexual-violence',
          location: exact,
          occurredAt: '2023-06-07T20:00:00Z',
        }),
      });
      const newId = res.json().incident.id;
      type Change = { entityId: string; record: Feature };
      const seen = async (f: SseClient) => {
        await f.until((c) => c.changes<Change>().some((e) => e.entityId === newId));
        return f.changes<Change>().find((e) => e.entityId === newId)?.record;
      };
      expect((await seen(feeds.ops))?.geometry?.coordinates).toEqual([exact.lon, exact.lat]);
      const generalised = await seen(feeds.contingent);
      expect(generalised?.properties.generalised).toBe(true);
      expect(JSON.stringify(generalised)).not.toContain(String(exact.lon));
      for (const f of Object.values(feeds)) f.close();
    });
  });

  describe('the access policy', () => {
    it('keeps humanitarian reports from mission users and mission reports from NGOs', async () => {
      const byIm = seeded.filter((s) => s.by === 'im').map((s) => s.id);
      const byContingent = seeded.filter((s) => s.by === 'contingent').map((s) => s.id);
      const contingentSees = new Set(
        (await all(h.contingent, `bbox=${CITY}&from=2023-01-01T00:00:00Z`, 5000)).map((f) => f.id),
      );
      const fieldSees = new Set(
        (await all(h.field, `bbox=${CITY}&from=2023-01-01T00:00:00Z`, 5000)).map((f) => f.id),
      );
      expect(byIm.some((id) => contingentSees.has(id))).toBe(false);
      expect(byContingent.some((id) => fieldSees.has(id))).toBe(false);
      expect(byIm.filter((id) => fieldSees.has(id)).length).toBeGreaterThan(300);
      const missionOne = byContingent[0] as string;
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/incidents/${missionOne}`,
            headers: h.field,
          })
        ).statusCode,
      ).toBe(404);
    });

    it('shows a reporter public and partners reports and their own', async () => {
      const own = await t.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: h.reporter,
        payload: report({ location: CITE_SOLEIL, occurredAt: '2023-06-08T10:00:00Z' }),
      });
      expect(own.json().incident.properties.classification).toBe('humanitarian');
      const seen = await all(h.reporter, `bbox=${CITY}&from=2023-01-01T00:00:00Z`, 5000);
      expect(seen.map((f) => f.id)).toContain(own.json().incident.id);
      expect(
        seen.every(
          (f) =>
            f.id === own.json().incident.id ||
            f.properties.classification === 'partners' ||
            f.properties.classification === 'public',
        ),
      ).toBe(true);
      expect(seen.length).toBeGreaterThan(150);
    });

    it('audits an admin’s list once per request', async () => {
      const count = () =>
        (
          t.ctx.store.sqlite
            .prepare("select count(*) n from change_log where entity = 'audit'")
            .get() as { n: number }
        ).n;
      const before = count();
      await list(h.admin, `bbox=${CITY}&limit=100`);
      expect(count()).toBe(before + 1);
    });
  });
});
