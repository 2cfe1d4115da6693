/**
 * Every route of sites, tasking, force generation and alerts through the access policy: who may
 * write, what the anonymous reader gets, and that each route is documented with its errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';
import { SseClient } from '../test-support/sse.js';
import { logHead } from '../test-support/store-state.js';

type Headers = Record<string, string>;
const SOURCE = { organisation: 'Test', title: 'access' };

interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  readonly body?: object;
}

describe('access to sites, tasking, force generation and alerts', () => {
  const t = useTestApp({ listen: true });
  const h = {} as Record<'ops' | 'contingent' | 'im' | 'ngo' | 'donor' | 'reporter', Headers>;
  const ids = {} as Record<
    'site' | 'unit' | 'assignment' | 'contribution' | 'line' | 'milestone' | 'alert',
    string
  >;

  const send = (route: Route, headers: Headers = {}) =>
    t.app.inject({
      method: route.method,
      url: route.url,
      headers,
      ...(route.body ? { payload: route.body } : {}),
    });

  beforeAll(async () => {
    const p = await seedPeople(t.ctx, [
      'missionOps',
      'contingent',
      'humanitarianIm',
      'humanitarianField',
      'donor',
      'reporter',
    ]);
    h.ops = bearer(await signIn(t.app, p.missionOps.email));
    h.contingent = bearer(await signIn(t.app, p.contingent.email));
    h.im = bearer(await signIn(t.app, p.humanitarianIm.email));
    h.ngo = bearer(await signIn(t.app, p.humanitarianField.email));
    h.donor = bearer(await signIn(t.app, p.donor.email));
    h.reporter = bearer(await signIn(t.app, p.reporter.email));
    const ok = async (route: Route) => {
      const res = await send(route, h.ops);
      expect(res.statusCode, `${route.url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    ids.site = (
      await ok({
        method: 'POST',
        url: '/api/v1/sites',
        body: { name: 'Port', kind: 'seaport', criticality: 5, pcode: 'HT0111' },
      })
    ).id;
    ids.alert = (
      await ok({
        method: 'POST',
        url: `/api/v1/sites/${ids.site}/status`,
        body: { status: 'threatened', source: SOURCE },
      })
    ).alertId;
    ids.unit = (
      await ok({
        method: 'POST',
        url: '/api/v1/units',
        body: { name: 'Unit', organisation: 'Org', strength: 100 },
      })
    ).id;
    ids.assignment = (
      await ok({
        method: 'POST',
        url: '/api/v1/assignments',
        body: {
          unitId: ids.unit,
          siteId: ids.site,
          personnel: 1,
          startsAt: '2023-06-08T04:00:00Z',
          shift: { pattern: 'round-the-clock' },
        },
      })
    ).id;
    const contribution = await ok({
      method: 'POST',
      url: '/api/v1/force/contributions',
      body: {
        country: 'JAM',
        countryName: 'Jamaica',
        source: SOURCE,
        lines: [{ capability: 'infantry', personnel: null, status: 'pledged', date: '2023-01-31' }],
      },
    });
    ids.contribution = contribution.id;
    ids.line = contribution.lines[0].id;
    ids.milestone = (
      await ok({
        method: 'POST',
        url: '/api/v1/force/milestones',
        body: { kind: 'unsc-resolution', title: 'UNSC', source: SOURCE },
      })
    ).id;
  });

  const writes = (): [Route, readonly (keyof typeof h)[]][] => [
    // [route, roles that may not] — each is refused with 403, or 404 when the record is hidden.
    [
      {
        method: 'POST',
        url: '/api/v1/sites',
        body: { name: 'x', kind: 'other', criticality: 1, pcode: 'HT0111' },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      { method: 'PATCH', url: `/api/v1/sites/${ids.site}`, body: { criticality: 2 } },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: `/api/v1/sites/${ids.site}/status`,
        body: { status: 'threatened', source: SOURCE },
      },
      ['im', 'ngo', 'donor', 'reporter'],
    ],
    [
      { method: 'POST', url: `/api/v1/sites/${ids.site}/releases`, body: { statement: 'x' } },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      { method: 'POST', url: '/api/v1/units', body: { name: 'x', organisation: 'x', strength: 1 } },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: '/api/v1/assignments',
        body: {
          unitId: ids.unit,
          siteId: ids.site,
          personnel: 1,
          startsAt: '2023-06-08T04:00:00Z',
          shift: { pattern: 'round-the-clock' },
        },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: `/api/v1/assignments/${ids.assignment}/state`,
        body: { state: 'active' },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: '/api/v1/force/contributions',
        body: { country: 'BHS', countryName: 'The Bahamas', source: SOURCE },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: `/api/v1/force/contributions/${ids.contribution}/lines`,
        body: { capability: 'medical', personnel: 10, date: '2023-06-01' },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: `/api/v1/force/lines/${ids.line}/status`,
        body: { status: 'authorised', date: '2023-06-08' },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: `/api/v1/force/contributions/${ids.contribution}/lead`,
        body: { lead: true, date: '2023-06-08' },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: `/api/v1/force/contributions/${ids.contribution}/withdraw`,
        body: { date: '2023-06-08' },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: '/api/v1/force/milestones',
        body: { kind: 'deployment', title: 'x', source: SOURCE },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      {
        method: 'POST',
        url: `/api/v1/force/milestones/${ids.milestone}/status`,
        body: { status: 'adopted', date: '2023-06-08' },
      },
      ['contingent', 'im', 'ngo', 'donor', 'reporter'],
    ],
    [
      { method: 'POST', url: `/api/v1/alerts/${ids.alert}/acknowledge`, body: {} },
      ['im', 'ngo', 'donor', 'reporter'],
    ],
  ];

  it('refuses every write without a credential (401), changing nothing', async () => {
    const seq = () => logHead(t.ctx);
    const before = seq();
    for (const [route] of writes()) {
      const res = await send(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
    expect(seq()).toEqual(before);
  });

  it('refuses every write to roles without the action (403, or 404 when the record is hidden)', async () => {
    const seq = () => logHead(t.ctx);
    const before = seq();
    for (const [route, refused] of writes()) {
      for (const role of refused) {
        const res = await send(route, h[role]);
        expect([403, 404], `${role} ${route.method} ${route.url}: ${res.body}`).toContain(
          res.statusCode,
        );
      }
    }
    expect(seq()).toEqual(before);
  });

  it('hides mission records from humanitarian users and the anonymous reader', async () => {
    const hidden = [
      `/api/v1/units/${ids.unit}`,
      `/api/v1/assignments/${ids.assignment}`,
      `/api/v1/alerts/${ids.alert}`,
    ];
    for (const url of hidden) {
      for (const headers of [h.ngo, h.im, {}]) {
        expect((await send({ method: 'GET', url }, headers)).statusCode, url).toBe(404);
      }
      expect((await send({ method: 'GET', url }, h.contingent)).statusCode, url).toBe(200);
    }
    const lists = ['/api/v1/units', '/api/v1/assignments', '/api/v1/alerts'];
    for (const url of lists) {
      const body = (await send({ method: 'GET', url }, h.ngo)).json();
      expect(Object.values(body)[0], url).toEqual([]);
    }
    const site = (await send({ method: 'GET', url: `/api/v1/sites/${ids.site}` }, h.ngo)).json();
    expect(site).not.toHaveProperty('status');
    const board = (await send({ method: 'GET', url: '/api/v1/sites/board' }, h.ngo)).json();
    expect(board.sites).toEqual([
      { siteId: ids.site, incidentsNearby: 0, personnelNow: 0, plannedPersonnelNow: 0 },
    ]);
    const anon = (await send({ method: 'GET', url: '/api/v1/sites/board' })).json();
    expect(anon.sites).toEqual([]);
  });

  it('shows the partners registry and force generation to every signed-in partner, not to the anonymous reader', async () => {
    for (const url of [
      `/api/v1/sites/${ids.site}`,
      `/api/v1/force/contributions/${ids.contribution}`,
    ]) {
      expect((await send({ method: 'GET', url }, h.donor)).statusCode, url).toBe(200);
      expect((await send({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    const anon = (await send({ method: 'GET', url: '/api/v1/force/summary' })).json();
    expect(anon.personnel.byCountry).toEqual([]);
  });

  it('carries each kind of record on the live feed, through the policy and its presenter', async () => {
    const feeds = {
      ops: await SseClient.open(`${t.url}/api/v1/feed?backlog=500`, h.ops),
      ngo: await SseClient.open(`${t.url}/api/v1/feed?backlog=500`, h.ngo),
    };
    for (const f of Object.values(feeds))
      await f.until((c) => c.changes().some((e) => e.entity === 'mandate-milestone'));
    const entities = (f: SseClient) => new Set(f.changes().map((e) => e.entity));
    expect([...entities(feeds.ops)]).toEqual(
      expect.arrayContaining([
        'site',
        'site-status',
        'alert',
        'unit',
        'assignment',
        'force-contribution',
        'mandate-milestone',
      ]),
    );
    const ngo = entities(feeds.ngo);
    expect(ngo.has('site')).toBe(true);
    expect(ngo.has('force-contribution')).toBe(true);
    for (const hidden of ['site-status', 'alert', 'unit', 'assignment'])
      expect(ngo.has(hidden), hidden).toBe(false);
    const assignment = feeds.ops.changes().find((e) => e.entity === 'assignment');
    expect(assignment?.record).toMatchObject({
      unit: { name: 'Unit' },
      site: { name: 'Port' },
      shiftText: 'round the clock',
    });
    expect(assignment?.record).not.toHaveProperty('createdBy');
    for (const f of Object.values(feeds)) f.close();
  });

  it('documents every route with a summary, tags and its error responses', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const ours = Object.entries(
      doc.paths as Record<string, Record<string, Record<string, unknown>>>,
    )
      .filter(([path]) => /^\/api\/v1\/(sites|units|assignments|kpi|force|alerts)/.test(path))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(ours.length).toBe(30);
    for (const { path, method, op } of ours) {
      expect(op['summary'], `${method} ${path}`).toEqual(expect.any(String));
      expect((op['tags'] as string[]).length, `${method} ${path}`).toBeGreaterThan(0);
      const statuses = Object.keys(op['responses'] as object);
      expect(
        statuses.some((s) => s.startsWith('4')),
        `${method} ${path}`,
      ).toBe(true);
    }
  });
});
