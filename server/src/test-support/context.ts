/**
 * A real store for a test: a fresh SQLite file in a temporary folder, migrated, with the real
 * boundaries. Nothing is mocked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrgKind, Role } from '@konbit/core';
import { afterAll, beforeAll } from 'vitest';
import { LoginResponse } from '@konbit/core';
import { Areas } from '../areas/areas.js';
import { fixedClock, type Clock } from '../clock/clock.js';
import { loadConfig, withOverrides, type Config } from '../config/config.js';
import { loginLimitsFor, type AppContext } from '../context.js';
import type { Api } from '../http/api.js';
import { buildApp } from '../http/app.js';
import { createOrganisation, createUser } from '../orgs/orgs.service.js';
import { systemActor } from '../policy/actor.js';
import { Store } from '../store/store.js';

let areas: Areas | null = null;
/** The boundaries, parsed once per test worker. */
export function testAreas(): Areas {
  areas ??= Areas.load();
  return areas;
}

export const TEST_NOW = new Date('2023-06-08T16:00:00.000Z');
export const TEST_PASSWORD = 'correct horse battery';

export interface TestContext extends AppContext {
  readonly dir: string;
  cleanup(): Promise<void>;
}

export function tempDir(prefix = 'konbit-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function testContext(
  options: { clock?: Clock; config?: Partial<Config> } = {},
): Promise<TestContext> {
  const dir = tempDir();
  const config = withOverrides(loadConfig({}), {
    db: join(dir, 'konbit.db'),
    logLevel: 'silent',
    ...options.config,
  });
  const store = Store.open(config.db);
  await store.migrate();
  return {
    config,
    store,
    clock: options.clock ?? fixedClock(TEST_NOW),
    areas: testAreas(),
    loginLimits: loginLimitsFor(config),
    dir,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function testApp(ctx: AppContext): Promise<Api> {
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return app;
}

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly orgId: string;
  readonly role: Role;
  readonly kind: OrgKind;
}

/** One organisation per kind, and users on them by role, for policy tests. */
export const PEOPLE = {
  admin: { role: 'admin', kind: 'operator' },
  missionOps: { role: 'mission-ops', kind: 'force-hq' },
  contingent: { role: 'contingent', kind: 'force-contingent' },
  police: { role: 'police-liaison', kind: 'police' },
  hostGov: { role: 'viewer', kind: 'host-government' },
  humanitarianIm: { role: 'humanitarian-im', kind: 'un-agency' },
  humanitarianField: { role: 'humanitarian-field', kind: 'ngo' },
  reporter: { role: 'reporter', kind: 'ngo' },
  donor: { role: 'viewer', kind: 'donor' },
} as const satisfies Record<string, { role: Role; kind: OrgKind }>;

export type Person = keyof typeof PEOPLE;

/** Creates the organisations and users of PEOPLE (or the ones named). */
export async function seedPeople(
  ctx: AppContext,
  only?: readonly Person[],
): Promise<Record<Person, TestUser>> {
  const actor = systemActor('test');
  const out: Partial<Record<Person, TestUser>> = {};
  await ctx.store.transaction(async (tx) => {
    const orgs = new Map<OrgKind, string>();
    for (const [name, p] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
      if (only && !only.includes(name)) continue;
      let orgId = orgs.get(p.kind);
      if (!orgId) {
        orgId = (await createOrganisation(tx, actor, { name: `Test ${p.kind}`, kind: p.kind })).id;
        orgs.set(p.kind, orgId);
      }
      const email = `${name.toLowerCase()}@test.konbit.example`;
      const user = await createUser(tx, actor, {
        email,
        name,
        orgId,
        role: p.role,
        password: TEST_PASSWORD,
      });
      out[name] = { id: user.id, email, orgId, role: p.role, kind: p.kind };
    }
  });
  return out as Record<Person, TestUser>;
}

/** Signs in through the API and returns the bearer token. */
export async function signIn(app: Api, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  return LoginResponse.parse(res.json()).token;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export interface TestApp {
  readonly ctx: TestContext;
  readonly app: Api;
  /** The base URL when started with `listen: true` (for live-feed tests over real HTTP). */
  readonly url: string;
}

/**
 * A fresh store and app for a `describe` block: registers beforeAll/afterAll and returns an
 * object whose fields are set once the suite starts.
 */
export function useTestApp(
  options: { clock?: Clock; config?: Partial<Config>; listen?: boolean } = {},
): TestApp {
  const state = {} as { ctx: TestContext; app: Api; url: string };
  beforeAll(async () => {
    state.ctx = await testContext(options);
    state.app = await testApp(state.ctx);
    state.url = options.listen ? await state.app.listen({ host: '127.0.0.1', port: 0 }) : '';
  });
  afterAll(async () => {
    await state.app?.close();
    await state.ctx?.cleanup();
  });
  return state;
}

/** Seeds `people` and signs each in: their bearer headers, by name. */
export async function signedIn<P extends Person>(
  t: { readonly ctx: AppContext; readonly app: Api },
  people: readonly P[],
): Promise<Record<P, Record<string, string>>> {
  const seeded = await seedPeople(t.ctx, people);
  const out = {} as Record<P, Record<string, string>>;
  for (const name of people) out[name] = bearer(await signIn(t.app, seeded[name].email));
  return out;
}
