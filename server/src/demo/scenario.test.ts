import { mkdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../areas/areas.js';
import { fixedClock } from '../clock/clock.js';
import type { Api } from '../http/api.js';
import { bearer, testApp, testContext, type TestContext } from '../test-support/context.js';
import {
  DEMO_ACCOUNTS,
  DEMO_AS_OF,
  DEMO_PASSWORD,
  loadScenario,
  ScenarioError,
} from './scenario.js';

describe('the Port-au-Prince, June 2023 demo', () => {
  let ctx: TestContext;
  let app: Api;

  beforeAll(async () => {
    ctx = await testContext({ clock: fixedClock(new Date(DEMO_AS_OF)) });
    await loadScenario(ctx);
    app = await testApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('has one account per role, each able to sign in with the demo password', async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual(
      [
        'admin',
        'contingent',
        'humanitarian-field',
        'humanitarian-im',
        'mission-ops',
        'police-liaison',
        'reporter',
        'viewer',
      ].sort(),
    );
    for (const account of DEMO_ACCOUNTS) {
      expect(account.email).toBe(`${account.role}@demo.konbit.example`);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: account.email, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, account.email).toBe(200);
      expect(res.json().user.organisation.kind).toBe(account.orgKind);
    }
  });

  it('gives the accounts the organisations the brief names', () => {
    const kind = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.role, a.orgKind]));
    expect(kind).toEqual({
      admin: 'operator',
      'mission-ops': 'force-hq',
      contingent: 'force-contingent',
      'police-liaison': 'police',
      'humanitarian-im': 'un-agency',
      'humanitarian-field': 'ngo',
      reporter: 'ngo',
      viewer: 'donor',
    });
  });

  it('answers the latest IDP figure with 165,000 from IOM', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/figures?metric=idps&pcode=HT&latest=1',
    });
    const [figure, ...rest] = res.json().figures;
    expect(rest).toHaveLength(0);
    expect(figure).toMatchObject({
      value: 165000,
      qualifier: 'more-than',
      asOf: '2023-06-08',
      source: { organisation: 'IOM', published: '2023-06-08' },
    });
  });

  it('holds the flood and earthquake figures of FACTS.md with their sources', async () => {
    const figures = (await app.inject({ method: 'GET', url: '/api/v1/figures' })).json()
      .figures as {
      metric: string;
      value: number;
      place: { pcode: string };
      source: { organisation: string };
    }[];
    const has = (metric: string, value: number, pcode: string) =>
      figures.some((f) => f.metric === metric && f.value === value && f.place.pcode === pcode);
    expect(has('affected', 46000, 'HT')).toBe(true);
    expect(has('displaced', 13000, 'HT')).toBe(true);
    expect(has('deaths', 4, 'HT0811')).toBe(true);
    expect(figures.every((f) => f.source.organisation.length > 0)).toBe(true);
  });

  it('loads nothing dated after the scenario’s now', async () => {
    const figures = (await app.inject({ method: 'GET', url: '/api/v1/figures' })).json()
      .figures as { asOf: string; source: { published: string | null }; createdAt: string }[];
    for (const f of figures) {
      expect(f.asOf <= '2023-06-08').toBe(true);
      expect((f.source.published ?? '') <= '2023-06-08').toBe(true);
      expect(f.createdAt <= DEMO_AS_OF).toBe(true);
    }
  });

  it('gives every organisation that is not real a name saying it is illustrative', async () => {
    const token = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'viewer@demo.konbit.example', password: DEMO_PASSWORD },
      })
    ).json().token;
    const orgs = (
      await app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(token) })
    ).json().organisations as { name: string }[];
    const real = ['Konbit platform operator', "Police nationale d'Haïti (PNH)", 'OCHA Haiti'];
    for (const o of orgs.filter((o) => !real.includes(o.name)))
      expect(o.name).toMatch(/illustrative/);
  });

  it('refuses to load a figure dated after the scenario’s now', async () => {
    const dir = join(ctx.dir, 'data');
    mkdirSync(join(dir, 'scenario'), { recursive: true });
    cpSync(join(defaultDataDir(), 'boundaries'), join(dir, 'boundaries'), { recursive: true });
    // Every file the scenario's parts read, then figures.json with one figure too many.
    cpSync(join(defaultDataDir(), 'scenario'), join(dir, 'scenario'), { recursive: true });
    cpSync(join(defaultDataDir(), 'dtm'), join(dir, 'dtm'), { recursive: true });
    const figures = JSON.parse(
      readFileSync(join(defaultDataDir(), 'scenario', 'figures.json'), 'utf8'),
    );
    figures.figures.push({
      metric: 'idps',
      value: 197999,
      pcode: 'HT',
      asOf: '2023-11-30',
      source: { organisation: 'IOM DTM', title: 'round 5' },
    });
    writeFileSync(join(dir, 'scenario', 'figures.json'), JSON.stringify(figures));
    const other = await testContext({
      clock: fixedClock(new Date(DEMO_AS_OF)),
      config: { dataDir: dir },
    });
    await expect(loadScenario(other)).rejects.toThrow(ScenarioError);
    expect(other.store.sqlite.prepare('select count(*) n from figures').get()).toEqual({ n: 0 });
    await other.cleanup();
  });
});
