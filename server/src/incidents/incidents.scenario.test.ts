import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../areas/areas.js';
import { fixedClock } from '../clock/clock.js';
import { DEMO_AS_OF, DEMO_PASSWORD, loadScenario, ScenarioError } from '../demo/scenario.js';
import type { Api } from '../http/api.js';
import { bearer, testApp, testContext, type TestContext } from '../test-support/context.js';

interface Feature {
  id: string;
  geometry: { coordinates: [number, number] } | null;
  properties: Record<string, unknown> & { summary: string; occurredAt: string; reportedAt: string };
}

const file = JSON.parse(
  readFileSync(join(defaultDataDir(), 'scenario', 'incidents.json'), 'utf8'),
) as {
  incidents: { key: string; basis: string; citation?: string; report: { description: string } }[];
};

describe('the incidents of the June 2023 demo', () => {
  let ctx: TestContext;
  let app: Api;
  const tokens = new Map<string, Record<string, string>>();
  const as = async (role: string) => {
    let headers = tokens.get(role);
    if (!headers) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `${role}@demo.konbit.example`, password: DEMO_PASSWORD },
      });
      headers = bearer(res.json().token);
      tokens.set(role, headers);
    }
    return headers;
  };
  const features = async (
    role: string,
    query = 'bbox=-74.5,18,-71.6,20.1&from=2023-01-01T00:00:00Z',
  ) =>
    (
      await app.inject({
        method: 'GET',
        url: `/api/v1/incidents?${query}&limit=5000`,
        headers: await as(role),
      })
    ).json().features as Feature[];

  beforeAll(async () => {
    ctx = await testContext({ clock: fixedClock(new Date(DEMO_AS_OF)) });
    await loadScenario(ctx);
    app = await testApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('labels every report: sourced ones cite FACTS.md, the others say they are illustrative', () => {
    for (const i of file.incidents) {
      if (i.basis === 'sourced') expect(i.citation, i.key).toMatch(/FACTS\.md.*\[\d+\]/);
      else expect(i.report.description, i.key).toMatch(/^Illustrative:/);
    }
    expect(file.incidents.filter((i) => i.basis === 'sourced').length).toBeGreaterThanOrEqual(3);
  });

  it('loads nothing dated after 2023-06-08 12:00 Port-au-Prince time', async () => {
    const all = await features('admin');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/incidents/stats?groupBy=pcode&from=2023-01-01&to=2023-06-08&verification=unverified,verified,disputed,false',
      headers: await as('admin'),
    });
    expect(unknown.json().total.count).toBe(file.incidents.length - 1);
    expect(all.length).toBeGreaterThan(8);
    for (const f of all) {
      expect(f.properties.occurredAt <= DEMO_AS_OF).toBe(true);
      expect(f.properties.reportedAt <= DEMO_AS_OF).toBe(true);
    }
  });

  it('shows the contingent the Bel Air protection report at its commune centroid only', async () => {
    const sv = (await features('contingent')).find((f) => f.properties.type === 'sexual-violence');
    expect(sv?.properties).toMatchObject({ generalised: true, pcode: 'HT0111' });
    expect(sv?.geometry?.coordinates).toEqual([...(ctx.areas.get('HT0111')?.centroid ?? [])]);
    const exact = (await features('mission-ops')).find(
      (f) => f.properties.type === 'sexual-violence',
    );
    expect(exact?.properties.generalised).toBe(false);
  });

  it('keeps the NGO’s abduction report from the force, and exact for OCHA', async () => {
    expect(
      (await features('contingent')).some((f) => f.properties.type === 'abduction-kidnapping'),
    ).toBe(false);
    const byOcha = (await features('humanitarian-im')).find(
      (f) => f.properties.type === 'abduction-kidnapping',
    );
    expect(byOcha?.properties.generalised).toBe(false);
    const byOtherNgo = (await features('humanitarian-field')).find(
      (f) => f.properties.type === 'abduction-kidnapping',
    );
    expect(byOtherNgo?.properties.generalised).toBe(true);
  });

  it('shows the Martissant barricade corroborated by the police report, and claimed', async () => {
    const barricade = (await features('mission-ops')).find((f) =>
      f.properties.summary.includes('RN2 at Martissant'),
    );
    expect(barricade?.properties.corroborations).toBe(1);
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/incidents/${barricade?.id}`,
      headers: await as('mission-ops'),
    });
    expect(detail.json().properties.claim).toMatchObject({ name: 'Demo JOC duty officer' });
    expect(detail.json().properties.duplicates).toHaveLength(1);
  });

  it('refuses to load an incident dated after the scenario’s now, naming it', async () => {
    // The whole demo data, with one incident moved past the scenario's now.
    const dir = join(ctx.dir, 'data');
    cpSync(defaultDataDir(), dir, { recursive: true });
    const late = JSON.parse(JSON.stringify(file));
    late.incidents[0].report.occurredAt = '2023-06-08T16:30:00.000Z';
    writeFileSync(join(dir, 'scenario', 'incidents.json'), JSON.stringify(late));
    const other = await testContext({
      clock: fixedClock(new Date(DEMO_AS_OF)),
      config: { dataDir: dir },
    });
    const err = await loadScenario(other).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toMatch(/bel-air-clashes occurredAt/);
    expect(other.store.sqlite.prepare('select count(*) n from incidents').get()).toEqual({ n: 0 });
    await other.cleanup();
  });
});
