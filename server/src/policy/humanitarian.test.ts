/**
 * The access policy on the humanitarian picture's routes: every new route reads through the
 * policy, refuses writes to roles without the action, and the live feed generalises IDP sites.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, useTestApp } from '../test-support/context.js';
import { SseClient } from '../test-support/sse.js';

type Who = 'im' | 'ngo' | 'ops' | 'contingent' | 'police' | 'donor' | 'reporter';

const SOURCE = { organisation: 'OCHA', title: 'Access snapshot (test)' };

/** One valid body per kind of record, and where it lives. */
const KINDS = {
  'idp-sites': {
    body: (n: number) => ({
      name: `Site ${n}`,
      type: 'spontaneous-site',
      location: { lon: -72.30278, lat: 18.54472 },
    }),
    list: 'sites',
  },
  hazards: {
    body: (n: number) => ({
      type: 'fire',
      name: `Market fire ${n}`,
      startedAt: '2023-06-07T12:00:00Z',
      affectedPcodes: ['HT0111'],
      sources: [SOURCE],
    }),
    list: 'hazards',
  },
  activities: {
    body: (n: number) => ({
      organisation: { name: 'Partner NGO', type: 'national-ngo' },
      sector: 'health',
      activity: `Clinic ${n}`,
      pcode: 'HT0111',
      status: 'ongoing',
    }),
    list: 'activities',
  },
  'access-constraints': {
    body: (n: number) => ({
      category: 'restriction-of-movement',
      severity: 'high',
      scope: 'commune',
      pcodes: ['HT0111'],
      place: `Checkpoint ${n}`,
      description: 'Roadblock',
      start: '2023-06-01',
      source: SOURCE,
    }),
    list: 'constraints',
  },
} as const;

/** Lists every record of a kind, closed and lifted ones included. */
const listUrl = (kind: string) =>
  `/api/v1/${kind}${kind === 'idp-sites' || kind === 'access-constraints' ? '?all=1' : ''}`;

/** Who may create each kind (by role), per the role matrix in policy.ts. */
const WRITERS: Record<keyof typeof KINDS, Who[]> = {
  'idp-sites': ['im'],
  hazards: ['im'],
  activities: ['im', 'ngo'],
  'access-constraints': ['im'],
};

describe('the humanitarian picture through the access policy', () => {
  const t = useTestApp({ listen: true });
  const h = {} as Record<Who, Record<string, string>>;
  let n = 0;

  beforeAll(async () => {
    const s = await signedIn(t, [
      'humanitarianIm',
      'humanitarianField',
      'missionOps',
      'contingent',
      'police',
      'donor',
      'reporter',
    ]);
    Object.assign(h, {
      im: s.humanitarianIm,
      ngo: s.humanitarianField,
      ops: s.missionOps,
      contingent: s.contingent,
      police: s.police,
      donor: s.donor,
      reporter: s.reporter,
    });
  });

  const create = (kind: keyof typeof KINDS, headers: Record<string, string>, extra: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/${kind}`,
      headers,
      payload: { ...KINDS[kind].body((n += 1)), ...extra },
    });

  for (const kind of Object.keys(KINDS) as (keyof typeof KINDS)[]) {
    describe(kind, () => {
      it('lets only the roles with the action create it, and nobody signed out', async () => {
        for (const who of Object.keys(h) as Who[]) {
          const res = await create(kind, h[who]);
          expect(res.statusCode, `${who} creating ${kind}`).toBe(
            WRITERS[kind].includes(who) ? 201 : 403,
          );
        }
        expect((await create(kind, {})).statusCode).toBe(401);
      });

      it('keeps a humanitarian record from the force, the police and donors in lists, reads and changes', async () => {
        const writer = h[WRITERS[kind][0] as Who];
        const res = await create(kind, writer, { classification: 'humanitarian' });
        expect(res.statusCode).toBe(201);
        const id = res.json().id as string;
        const listed = async (who: Who) => {
          const res = await t.app.inject({ method: 'GET', url: listUrl(kind), headers: h[who] });
          const rows = res.json()[KINDS[kind].list] as { id: string }[];
          return rows.map((r) => r.id);
        };
        for (const who of ['ops', 'contingent', 'police', 'donor', 'reporter'] as const) {
          expect(await listed(who), who).not.toContain(id);
          const one = await t.app.inject({
            method: 'GET',
            url: `/api/v1/${kind}/${id}`,
            headers: h[who],
          });
          expect(one.statusCode, who).toBe(404);
        }
        for (const who of ['im', 'ngo'] as const) {
          expect(await listed(who), who).toContain(id);
        }
        const patch = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/${kind}/${id}`,
          headers: h.ops,
          payload:
            kind === 'hazards'
              ? { name: 'x' }
              : kind === 'activities'
                ? { status: 'completed' }
                : kind === 'idp-sites'
                  ? { name: 'x' }
                  : { severity: 'low' },
        });
        expect(patch.statusCode).toBe(404);
      });

      it('shows only public records to someone signed out', async () => {
        const pub = await create(kind, h[WRITERS[kind][0] as Who], { classification: 'public' });
        const partners = await create(kind, h[WRITERS[kind][0] as Who], {
          classification: 'partners',
        });
        const res = await t.app.inject({ method: 'GET', url: listUrl(kind) });
        const ids = res.json()[KINDS[kind].list].map((r: { id: string }) => r.id);
        expect(ids).toContain(pub.json().id);
        expect(ids).not.toContain(partners.json().id);
      });
    });
  }

  it('sends a contingent’s live feed the commune centroid of an IDP site, and an NGO the point', async () => {
    const contingent = await SseClient.open(`${t.url}/api/v1/feed`, h.contingent);
    const ngo = await SseClient.open(`${t.url}/api/v1/feed`, h.ngo);
    const res = await create('idp-sites', h.im, { name: 'Feed site' });
    const id = res.json().id;
    type Change = {
      entityId: string;
      record: { location: { generalised: boolean; position: number[] } };
    };
    const of = (c: SseClient) => c.changes<Change>().find((e) => e.entityId === id);
    await contingent.until(() => of(contingent) !== undefined);
    await ngo.until(() => of(ngo) !== undefined);
    expect(of(contingent)?.record.location).toEqual({
      position: [-72.297644, 18.554306],
      precision: 'commune',
      generalised: true,
    });
    expect(of(ngo)?.record.location).toMatchObject({
      position: [-72.30278, 18.54472],
      generalised: false,
    });
    contingent.close();
    ngo.close();
  });

  it('lets only roles with import.hxl import, and every role with export export what it may read', async () => {
    const csv =
      'Commune,Date,IDPs,Source\n#adm2+code,#date+reported,#affected+idps,#meta+source\nHT0116,2023-06-02,10,OCHA\n';
    for (const who of Object.keys(h) as Who[]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/import/hxl?kind=displacement',
        headers: { ...h[who], 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(res.statusCode, `${who} importing`).toBe(who === 'im' ? 200 : 403);
      const dtm = await t.app.inject({
        method: 'POST',
        url: '/api/v1/import/dtm',
        headers: h[who],
        payload: { result: [] },
      });
      expect(dtm.statusCode, `${who} importing DTM`).toBe(who === 'im' ? 200 : 403);
    }
    const hidden = (await create('activities', h.im, { classification: 'humanitarian' })).json().id;
    for (const who of Object.keys(h) as Who[]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/export/activities.csv',
        headers: h[who],
      });
      expect(res.statusCode, `${who} exporting`).toBe(who === 'reporter' ? 403 : 200);
      if (res.statusCode !== 200) continue;
      const sees = res.body.includes(hidden);
      expect(sees, `${who} sees a humanitarian activity in an export`).toBe(
        who === 'im' || who === 'ngo',
      );
    }
  });
});
