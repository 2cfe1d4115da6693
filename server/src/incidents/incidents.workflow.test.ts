import { VERIFICATION_STATES, type VerificationState } from '@konbit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../store/store.js';
import { bearer, seedPeople, signIn, TEST_NOW, useTestApp } from '../test-support/context.js';
import { BEL_AIR, DELMAS, report } from '../test-support/incidents.js';
import type { Incident } from './incident.js';
import { incidentDeps, verifyIncident } from './incident.service.js';
import { createUser } from '../orgs/orgs.service.js';
import { systemActor } from '../policy/actor.js';

type Headers = Record<string, string>;

/** A clock the tests move forward, to see claims lapse. */
function movableClock(start: Date) {
  let now = start.getTime();
  return {
    clock: { now: () => new Date(now), scenario: true },
    advanceHours: (h: number) => {
      now += h * 3_600_000;
    },
  };
}

describe('verification, claims and merging', () => {
  const time = movableClock(TEST_NOW);
  const t = useTestApp({ clock: time.clock });
  const h = {} as Record<
    'ops' | 'ops2' | 'contingent' | 'police' | 'im' | 'field' | 'reporter' | 'viewer' | 'admin',
    Headers
  >;

  beforeAll(async () => {
    const p = await seedPeople(t.ctx);
    h.ops = bearer(await signIn(t.app, p.missionOps.email));
    h.contingent = bearer(await signIn(t.app, p.contingent.email));
    h.police = bearer(await signIn(t.app, p.police.email));
    h.im = bearer(await signIn(t.app, p.humanitarianIm.email));
    h.field = bearer(await signIn(t.app, p.humanitarianField.email));
    h.reporter = bearer(await signIn(t.app, p.reporter.email));
    h.viewer = bearer(await signIn(t.app, p.donor.email));
    h.admin = bearer(await signIn(t.app, p.admin.email));
    // A second analyst at mission HQ.
    await t.ctx.store.transaction((tx) =>
      createUser(tx, systemActor('test'), {
        email: 'ops2@test.konbit.example',
        name: 'Second analyst',
        orgId: p.missionOps.orgId,
        role: 'mission-ops',
        password: 'correct horse battery',
      }),
    );
    h.ops2 = bearer(await signIn(t.app, 'ops2@test.konbit.example'));
  });

  const create = async (headers: Headers, over: object = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers,
      payload: { ...report(), classification: 'partners', ...over },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().incident.id as string;
  };
  const verify = (
    headers: Headers,
    id: string,
    state: VerificationState,
    reason = 'Two patrols saw it',
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${id}/verification`,
      headers,
      payload: { state, reason },
    });
  const claim = (headers: Headers, id: string, method: 'POST' | 'DELETE' = 'POST') =>
    t.app.inject({ method, url: `/api/v1/incidents/${id}/claim`, headers });
  const get = async (headers: Headers, id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/incidents/${id}`, headers })).json();

  describe('verification', () => {
    const allowed: [VerificationState, VerificationState][] = [
      ['unverified', 'verified'],
      ['unverified', 'disputed'],
      ['unverified', 'false'],
      ['verified', 'unverified'],
      ['disputed', 'unverified'],
      ['false', 'unverified'],
    ];

    async function reach(state: VerificationState): Promise<string> {
      const id = await create(h.ops);
      if (state !== 'unverified') expect((await verify(h.ops, id, state)).statusCode).toBe(200);
      return id;
    }

    for (const from of VERIFICATION_STATES) {
      for (const to of VERIFICATION_STATES) {
        const ok = allowed.some(([a, b]) => a === from && b === to);
        it(`${ok ? 'moves' : 'refuses with 422 to move'} a report from ${from} to ${to}`, async () => {
          const id = await reach(from);
          const res = await verify(h.ops, id, to);
          if (ok) {
            expect(res.statusCode).toBe(200);
            expect(res.json().properties.verification).toBe(to);
          } else {
            expect(res.statusCode).toBe(422);
            expect(res.json().error).toMatchObject({
              code: 'InvalidStatusTransition',
              field: 'state',
            });
            expect((await get(h.ops, id)).properties.verification).toBe(from);
          }
        });
      }
    }

    it('records who, when and why for each step', async () => {
      const id = await create(h.contingent);
      await verify(h.ops, id, 'disputed', 'Only one source, not corroborated');
      const res = await verify(h.ops, id, 'unverified', 'A second patrol report came in');
      expect(res.json().properties.verificationHistory).toEqual([
        {
          from: 'unverified',
          to: 'disputed',
          reason: 'Only one source, not corroborated',
          at: TEST_NOW.toISOString(),
          by: { name: 'missionOps', organisation: 'Test force-hq' },
        },
        {
          from: 'disputed',
          to: 'unverified',
          reason: 'A second patrol report came in',
          at: TEST_NOW.toISOString(),
          by: { name: 'missionOps', organisation: 'Test force-hq' },
        },
      ]);
    });

    for (const [who, status] of [
      ['ops', 200],
      ['im', 200],
      ['admin', 200],
      ['contingent', 403],
      ['police', 403],
      ['field', 403],
      ['reporter', 403],
      ['viewer', 403],
    ] as const) {
      it(`${status === 200 ? 'lets' : 'refuses'} ${who} verify${status === 200 ? '' : ' with 403'}`, async () => {
        const id = await create(h.ops);
        const res = await verify(h[who], id, 'verified');
        expect(res.statusCode).toBe(status);
        expect((await get(h.ops, id)).properties.verification).toBe(
          status === 200 ? 'verified' : 'unverified',
        );
      });
    }

    it('answers 404 to an analyst of the other compartment, as for no report', async () => {
      const id = await create(h.ops, { classification: 'mission' });
      expect((await verify(h.im, id, 'verified')).statusCode).toBe(404);
    });

    it('refuses a step without a reason with 400', async () => {
      const id = await create(h.ops);
      expect((await verify(h.ops, id, 'verified', '  ')).statusCode).toBe(400);
    });

    it('calls the hook when, and only when, a report becomes verified', async () => {
      const verified: Incident[] = [];
      const deps = incidentDeps(t.ctx, {
        hooks: {
          becameVerified: async (_tx: Tx, i: Incident) => {
            verified.push(i);
          },
        },
      });
      const id = await create(h.ops);
      const actor = systemActor('test');
      await t.ctx.store.transaction((tx) =>
        verifyIncident(tx, actor, deps, id, { state: 'disputed', reason: 'x' }),
      );
      expect(verified).toHaveLength(0);
      await t.ctx.store.transaction((tx) =>
        verifyIncident(tx, actor, deps, id, { state: 'unverified', reason: 'new evidence' }),
      );
      await t.ctx.store.transaction((tx) =>
        verifyIncident(tx, actor, deps, id, { state: 'verified', reason: 'confirmed' }),
      );
      expect(verified.map((i) => [i.id, i.verification])).toEqual([[id, 'verified']]);
    });
  });

  describe('claims', () => {
    it('keeps a second analyst off a claimed report with 409 AlreadyClaimed', async () => {
      const id = await create(h.ops);
      const res = await claim(h.ops, id);
      expect(res.statusCode).toBe(200);
      expect(res.json().properties.claim).toMatchObject({
        name: 'missionOps',
        organisation: 'Test force-hq',
        until: new Date(time.clock.now().getTime() + 8 * 3_600_000).toISOString(),
      });
      const second = await claim(h.ops2, id);
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('AlreadyClaimed');
      expect(second.json().error.message).toMatch(/missionOps/);
      expect((await verify(h.ops2, id, 'verified')).statusCode).toBe(409);
      expect((await claim(h.ops2, id, 'DELETE')).statusCode).toBe(409);
    });

    it('lets the claimer verify, which ends the claim', async () => {
      const id = await create(h.ops);
      await claim(h.ops, id);
      const res = await verify(h.ops, id, 'verified');
      expect(res.statusCode).toBe(200);
      expect(res.json().properties.claim).toBeNull();
      expect((await claim(h.ops2, id)).statusCode).toBe(200);
    });

    it('frees a report when its claimer releases it, or when the claim lapses', async () => {
      const released = await create(h.ops);
      await claim(h.ops, released);
      expect((await claim(h.ops, released, 'DELETE')).json().properties.claim).toBeNull();
      expect((await claim(h.ops2, released)).statusCode).toBe(200);

      const lapsed = await create(h.ops);
      await claim(h.ops, lapsed);
      time.advanceHours(8);
      expect((await claim(h.ops2, lapsed)).statusCode).toBe(200);
    });

    it('refuses roles that may not verify', async () => {
      const id = await create(h.ops);
      expect((await claim(h.contingent, id)).statusCode).toBe(403);
      expect((await claim({}, id)).statusCode).toBe(401);
    });
  });

  describe('merging duplicates', () => {
    const merge = (headers: Headers, id: string, into: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/incidents/${id}/merge`,
        headers,
        payload: { into },
      });
    const stats = async (from: string, to: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/incidents/stats?groupBy=type&from=${from}&to=${to}`,
          headers: h.ops,
        })
      ).json().total.count as number;

    it('keeps both, counts them once and shows the corroboration on the survivor', async () => {
      const at = { occurredAt: '2023-04-11T15:00:00Z', location: DELMAS, type: 'looting' };
      const survivor = await create(h.ops, at);
      const a = await create(h.contingent, at);
      const b = await create(h.police, at);
      expect(await stats('2023-04-11', '2023-04-11')).toBe(3);

      const res = await merge(h.ops, a, survivor);
      expect(res.statusCode).toBe(200);
      expect(res.json().duplicate.properties.mergedInto).toBe(survivor);
      expect(res.json().survivor.properties.corroborations).toBe(1);
      await merge(h.ops, b, survivor);
      expect(await stats('2023-04-11', '2023-04-11')).toBe(1);
      const shown = await get(h.ops, survivor);
      expect(shown.properties.corroborations).toBe(2);
      expect([...shown.properties.duplicates].sort()).toEqual([a, b].sort());
      expect((await get(h.ops, a)).properties.mergedInto).toBe(survivor);

      // Undoing one merge counts that report on its own again.
      const undone = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/incidents/${b}/merge`,
        headers: h.ops,
      });
      expect(undone.statusCode).toBe(200);
      expect(undone.json().survivor.properties.corroborations).toBe(1);
      expect(await stats('2023-04-11', '2023-04-11')).toBe(2);
    });

    it('shows the verification and the merge in lists, not only in single reads', async () => {
      const at = { occurredAt: '2023-04-14T15:00:00Z', location: DELMAS, type: 'riot' };
      const kept = await create(h.ops, at);
      const dup = await create(h.ops, at);
      await verify(h.ops, kept, 'verified');
      await merge(h.ops, dup, kept);
      const listed = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/incidents?bbox=-72.4,18.5,-72.2,18.6&from=2023-04-14T00:00:00Z&to=2023-04-15T00:00:00Z&types=riot&includeMerged=1',
          headers: h.contingent,
        })
      ).json().features as { id: string; properties: Record<string, unknown> }[];
      expect(listed.find((f) => f.id === kept)?.properties).toMatchObject({
        verification: 'verified',
        corroborations: 1,
      });
      expect(listed.find((f) => f.id === dup)?.properties.mergedInto).toBe(kept);
    });

    it('moves a merged report’s own duplicates to the new survivor', async () => {
      const at = { occurredAt: '2023-04-12T15:00:00Z', location: BEL_AIR, type: 'arson' };
      const x = await create(h.ops, at);
      const y = await create(h.ops, at);
      const z = await create(h.ops, at);
      await merge(h.ops, z, y);
      const res = await merge(h.ops, y, x);
      expect(res.json().survivor.properties.corroborations).toBe(2);
      expect((await get(h.ops, z)).properties.mergedInto).toBe(x);
      expect(await stats('2023-04-12', '2023-04-12')).toBe(1);
    });

    it('lists a filed report’s possible duplicates again, both ways, and drops them once merged', async () => {
      const at = { occurredAt: '2023-04-16T15:00:00Z', location: BEL_AIR, type: 'protest' };
      const first = await create(h.ops, at);
      const second = await create(h.contingent, at);
      const elsewhere = await create(h.ops, { ...at, location: DELMAS });
      const other = await create(h.ops, { ...at, type: 'riot' });
      const duplicatesOf = async (headers: Headers, id: string) => {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/incidents/${id}/duplicates`,
          headers,
        });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().possibleDuplicates as { id: string }[]).map((d) => d.id);
      };
      expect(await duplicatesOf(h.ops, first)).toEqual([second]);
      expect(await duplicatesOf(h.ops, second)).toEqual([first]);
      expect(await duplicatesOf(h.ops, elsewhere)).not.toContain(first);
      expect(await duplicatesOf(h.ops, other)).toEqual([]);
      await merge(h.ops, second, first);
      expect(await duplicatesOf(h.ops, first)).toEqual([]);
    });

    it('answers 404 for the duplicates of a report you may not read, and 400 for a bad id', async () => {
      const hidden = await create(h.ops, { classification: 'mission' });
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/incidents/${hidden}/duplicates`,
        headers: h.im,
      });
      expect(res.statusCode).toBe(404);
      const bad = await t.app.inject({
        method: 'GET',
        url: '/api/v1/incidents/not-an-id/duplicates',
        headers: h.ops,
      });
      expect(bad.statusCode).toBe(400);
    });

    it('refuses merging into itself, into a merged report, or twice', async () => {
      const at = { occurredAt: '2023-04-13T15:00:00Z' };
      const p = await create(h.ops, at);
      const q = await create(h.ops, at);
      const r = await create(h.ops, at);
      expect((await merge(h.ops, p, p)).statusCode).toBe(400);
      await merge(h.ops, q, p);
      expect((await merge(h.ops, r, q)).json().error.code).toBe('Conflict');
      expect((await merge(h.ops, q, r)).statusCode).toBe(409);
      expect((await merge(h.contingent, r, p)).statusCode).toBe(403);
    });
  });
});
