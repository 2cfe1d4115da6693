/**
 * Every incident route, for every role and for someone not signed in: who is answered, who is
 * refused (401, 403), and who is told the record does not exist (404, the same answer as for a
 * record that does not exist). Each case works on its own fresh reports.
 */
import { CreateIncidentRequest, newId, type ClassificationLevel } from '@konbit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIncident, incidentDeps, mergeIncident } from '../incidents/incident.service.js';
import {
  bearer,
  PEOPLE,
  seedPeople,
  signIn,
  useTestApp,
  type Person,
} from '../test-support/context.js';
import { CITE_SOLEIL, report } from '../test-support/incidents.js';
import { systemActor } from './actor.js';

type Who = Person | 'anonymous';
const EVERYONE: Who[] = ['anonymous', ...(Object.keys(PEOPLE) as Person[])];
const ANALYSTS: Who[] = ['admin', 'missionOps', 'humanitarianIm'];
const CREATORS: Who[] = [
  'admin',
  'missionOps',
  'contingent',
  'police',
  'humanitarianIm',
  'humanitarianField',
  'reporter',
];

interface Case {
  readonly name: string;
  /** What each caller gets for a `partners` report every signed-in user may read. */
  readonly expect: (who: Who) => number;
  readonly run: (
    headers: Record<string, string>,
    ids: { id: string; other: string; merged: string },
  ) => { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object };
}

const writeStatus = (allowed: Who[], ok: number) => (who: Who) =>
  who === 'anonymous' ? 401 : allowed.includes(who) ? ok : 403;

const CASES: Case[] = [
  {
    name: 'GET /api/v1/incidents',
    expect: () => 200,
    run: () => ({ method: 'GET', url: '/api/v1/incidents?bbox=-72.45,18.45,-72.2,18.65' }),
  },
  {
    name: 'GET /api/v1/incidents/clusters',
    expect: () => 200,
    run: () => ({
      method: 'GET',
      url: '/api/v1/incidents/clusters?bbox=-72.45,18.45,-72.2,18.65&zoom=12',
    }),
  },
  {
    name: 'GET /api/v1/incidents/stats',
    expect: () => 200,
    run: () => ({ method: 'GET', url: '/api/v1/incidents/stats?groupBy=pcode' }),
  },
  {
    name: 'GET /api/v1/incidents/:id',
    expect: (who) => (who === 'anonymous' ? 404 : 200),
    run: (_h, { id }) => ({ method: 'GET', url: `/api/v1/incidents/${id}` }),
  },
  {
    name: 'GET /api/v1/incidents/:id/duplicates',
    expect: (who) => (who === 'anonymous' ? 404 : 200),
    run: (_h, { id }) => ({ method: 'GET', url: `/api/v1/incidents/${id}/duplicates` }),
  },
  {
    name: 'POST /api/v1/incidents',
    expect: writeStatus(CREATORS, 201),
    run: () => ({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: report({ classification: 'partners' }),
    }),
  },
  {
    name: 'POST /api/v1/incidents/batch',
    expect: writeStatus(CREATORS, 200),
    run: () => ({
      method: 'POST',
      url: '/api/v1/incidents/batch',
      payload: { items: [report({ id: newId(), classification: 'partners' })] },
    }),
  },
  {
    name: 'GET /api/v1/incidents/intake',
    expect: (who) => (who === 'anonymous' ? 401 : 200),
    run: () => ({ method: 'GET', url: '/api/v1/incidents/intake' }),
  },
  {
    name: 'PATCH /api/v1/incidents/:id',
    expect: writeStatus(ANALYSTS, 200),
    run: (_h, { id }) => ({
      method: 'PATCH',
      url: `/api/v1/incidents/${id}`,
      payload: { description: 'Corrigé' },
    }),
  },
  {
    name: 'POST /api/v1/incidents/:id/verification',
    expect: writeStatus(ANALYSTS, 200),
    run: (_h, { id }) => ({
      method: 'POST',
      url: `/api/v1/incidents/${id}/verification`,
      payload: { state: 'verified', reason: 'Confirmed by a second patrol' },
    }),
  },
  {
    name: 'POST /api/v1/incidents/:id/claim',
    expect: writeStatus(ANALYSTS, 200),
    run: (_h, { id }) => ({ method: 'POST', url: `/api/v1/incidents/${id}/claim` }),
  },
  {
    name: 'DELETE /api/v1/incidents/:id/claim',
    expect: writeStatus(ANALYSTS, 200),
    run: (_h, { id }) => ({ method: 'DELETE', url: `/api/v1/incidents/${id}/claim` }),
  },
  {
    name: 'POST /api/v1/incidents/:id/merge',
    expect: writeStatus(ANALYSTS, 200),
    run: (_h, { id, other }) => ({
      method: 'POST',
      url: `/api/v1/incidents/${id}/merge`,
      payload: { into: other },
    }),
  },
  {
    name: 'DELETE /api/v1/incidents/:id/merge',
    expect: writeStatus(ANALYSTS, 200),
    run: (_h, { merged }) => ({ method: 'DELETE', url: `/api/v1/incidents/${merged}/merge` }),
  },
];

describe('who may use each incident route', () => {
  const t = useTestApp();
  const headers = {} as Record<Who, Record<string, string>>;
  const actor = systemActor('test');

  async function fresh(classification: ClassificationLevel, restrictedTo?: string[]) {
    const deps = incidentDeps(t.ctx);
    const input = CreateIncidentRequest.parse(
      report({ location: CITE_SOLEIL, classification, ...(restrictedTo ? { restrictedTo } : {}) }),
    );
    return t.ctx.store.transaction(
      async (tx) => (await createIncident(tx, actor, deps, input)).incident.id,
    );
  }
  async function ids(classification: ClassificationLevel) {
    const id = await fresh(classification);
    const other = await fresh(classification);
    const merged = await fresh(classification);
    await t.ctx.store.transaction((tx) =>
      mergeIncident(tx, actor, incidentDeps(t.ctx), merged, other),
    );
    return { id, other, merged };
  }

  beforeAll(async () => {
    const people = await seedPeople(t.ctx);
    headers.anonymous = {};
    for (const p of Object.keys(PEOPLE) as Person[]) {
      headers[p] = bearer(await signIn(t.app, people[p].email));
    }
  });

  for (const c of CASES) {
    describe(c.name, () => {
      for (const who of EVERYONE) {
        const status = c.expect(who);
        it(`answers ${who} with ${status}`, async () => {
          const request = c.run(headers[who], await ids('partners'));
          const res = await t.app.inject({ ...request, headers: headers[who] });
          expect(res.statusCode, res.body).toBe(status);
        });
      }
    });
  }

  describe('across compartments', () => {
    const recordRoutes = CASES.filter((c) => c.name.includes(':id'));
    for (const [classification, outsiders] of [
      ['mission', ['humanitarianIm', 'humanitarianField', 'reporter', 'donor']],
      ['humanitarian', ['missionOps', 'contingent', 'police', 'hostGov', 'reporter', 'donor']],
    ] as const) {
      for (const c of recordRoutes) {
        it(`answers ${c.name} on a ${classification} report with 404 to ${outsiders.join(', ')}`, async () => {
          for (const who of outsiders) {
            const request = c.run(headers[who], await ids(classification));
            const res = await t.app.inject({ ...request, headers: headers[who] });
            expect(res.statusCode, `${who}: ${res.body}`).toBe(404);
          }
        });
      }
    }

    it('lets only the listed organisations read a restricted report', async () => {
      const orgOf = async (who: Person) =>
        (
          await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: headers[who] })
        ).json().organisation.id as string;
      const id = await fresh('restricted', [await orgOf('police')]);
      for (const [who, status] of [
        ['police', 200],
        ['missionOps', 404],
        ['contingent', 404],
        ['admin', 200],
      ] as const) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/incidents/${id}`,
          headers: headers[who],
        });
        expect(res.statusCode, who).toBe(status);
      }
    });
  });
});
