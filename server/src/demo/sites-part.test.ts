import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../areas/areas.js';
import { fixedClock } from '../clock/clock.js';
import type { Api } from '../http/api.js';
import { bearer, signIn, testApp, testContext, type TestContext } from '../test-support/context.js';
import { DEMO_AS_OF, DEMO_PASSWORD, loadScenario, ScenarioError } from './scenario.js';

type Headers = Record<string, string>;

describe('the demo’s sites, tasking and force generation (June 2023)', () => {
  let ctx: TestContext;
  let app: Api;
  const h = {} as Record<'ops' | 'ngo' | 'police', Headers>;
  const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
  const post = (url: string, headers: Headers, payload: object) =>
    app.inject({ method: 'POST', url, headers, payload });

  beforeAll(async () => {
    ctx = await testContext({ clock: fixedClock(new Date(DEMO_AS_OF)) });
    await loadScenario(ctx);
    app = await testApp(ctx);
    const as = async (role: string) =>
      bearer(await signIn(app, `${role}@demo.konbit.example`, DEMO_PASSWORD));
    h.ops = await as('mission-ops');
    h.ngo = await as('humanitarian-field');
    h.police = await as('police-liaison');
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  const sites = async (headers: Headers) =>
    (await get('/api/v1/sites', headers)).json().features as {
      id: string;
      properties: Record<string, unknown> & { name: string };
    }[];
  const siteNamed = async (headers: Headers, name: RegExp) => {
    const found = (await sites(headers)).find((f) => name.test(f.properties.name));
    if (!found) throw new Error(`no site ${name}`);
    return found;
  };

  it('holds the real sites, with Terminal Varreux at its commune centroid, saying so', async () => {
    const names = (await sites(h.ops)).map((f) => f.properties.name);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Toussaint Louverture International Airport/),
        expect.stringMatching(/^Port international de Port-au-Prince/),
        expect.stringMatching(/^Terminal Varreux/),
        'National Palace',
      ]),
    );
    const varreux = await siteNamed(h.ops, /Varreux/);
    expect(varreux.properties).toMatchObject({
      precision: 'commune',
      positionNote: expect.stringMatching(/not published; shown at the centroid of Cité Soleil/),
      place: { pcode: 'HT0117' },
      policeRequiredSource: expect.stringMatching(/^Illustrative/),
    });
    expect(varreux.properties['status']).toMatchObject({ status: 'secured', previous: 'lost' });
    const airport = await siteNamed(h.ops, /Airport/);
    expect(airport.properties).toMatchObject({ place: { pcode: 'HT0118' }, precision: 'exact' });
  });

  it('gives a humanitarian user the airport and its released statement, not its tasking or history', async () => {
    const airport = await siteNamed(h.ngo, /Airport/);
    expect(airport.properties).not.toHaveProperty('status');
    expect(airport.properties['latestRelease']).toMatchObject({
      statement: 'Toussaint Louverture International Airport: no closure reported since 2022',
    });
    const history = (await get(`/api/v1/sites/${airport.id}/history`, h.ngo)).json();
    expect(history.changes).toEqual([]);
    expect(history.releases).toHaveLength(1);
    const tasking = (await get(`/api/v1/assignments?siteId=${airport.id}`, h.ngo)).json();
    expect(tasking.assignments).toEqual([]);
    const mission = (await get(`/api/v1/assignments?siteId=${airport.id}`, h.ops)).json();
    expect(mission.assignments).toHaveLength(1);
    expect(mission.assignments[0].note).toMatch(/^Illustrative plan/);
  });

  it('says there is no lead nation and the Security Council resolution is pending', async () => {
    const s = (await get('/api/v1/force/summary', h.ngo)).json();
    expect(s.leadNation).toBeNull();
    expect(s.readiness).toEqual([
      'No lead nation designated',
      'Host government request adopted (2022-10-07, Council of Ministers resolution, Le Moniteur, 2022-10-07)',
      'UN Security Council resolution pending',
      '2 countries have offered personnel (Jamaica, The Bahamas): 0 personnel pledged with a stated number; 3 offers without a number',
      'No personnel deployed',
    ]);
    expect(s.personnel.deployed).toBe(0);
    expect(s.personnel.byCountry.map((c: { country: string }) => c.country)).toEqual([
      'CAN',
      'JAM',
      'BHS',
    ]);
  });

  it('shows actual police freed 0 and the illustrative plan’s projected figure', async () => {
    const r = (await get('/api/v1/kpi/police-freed', h.police)).json();
    expect([r.from, r.to]).toEqual(['2023-06-08', '2023-06-14']);
    // Airport 40 round the clock (50 of 50) + port 60 by day (40 of 40, 06:00–18:00) = 70.
    for (const d of r.days) expect(d).toMatchObject({ actual: 0, projected: 70 });
    expect(r.sitesWithoutBaseline).toHaveLength(3);
  });

  it('shows historical alerts acknowledged, saying why', async () => {
    const all = (await get('/api/v1/alerts?state=all', h.ops)).json().alerts;
    expect(all).toHaveLength(2);
    for (const a of all)
      expect(a.acknowledged.note).toMatch(/^Historical report loaded with the scenario/);
    expect((await get('/api/v1/alerts', h.ops)).json().alerts).toEqual([]);
  });

  it('refuses a second lead nation until the first is withdrawn', async () => {
    const contributions = (await get('/api/v1/force/contributions', h.ops)).json().contributions;
    const id = (country: string) =>
      contributions.find((c: { country: string }) => c.country === country).id;
    const lead = (country: string, value: boolean) =>
      post(`/api/v1/force/contributions/${id(country)}/lead`, h.ops, {
        lead: value,
        date: '2023-06-08',
      });
    expect((await lead('JAM', true)).statusCode).toBe(200);
    const second = await lead('BHS', true);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe(
      'Jamaica is already the lead nation; withdraw its lead designation (or its contribution) before designating The Bahamas',
    );
    expect((await lead('JAM', false)).statusCode).toBe(200);
    expect((await lead('BHS', true)).statusCode).toBe(200);
  });

  it('refuses to load a site status dated after the scenario’s now', async () => {
    const dir = join(ctx.dir, 'late');
    mkdirSync(join(dir, 'scenario'), { recursive: true });
    cpSync(join(defaultDataDir(), 'boundaries'), join(dir, 'boundaries'), { recursive: true });
    for (const f of ['organisations.json', 'figures.json'])
      cpSync(join(defaultDataDir(), 'scenario', f), join(dir, 'scenario', f));
    const file = JSON.parse(readFileSync(join(defaultDataDir(), 'scenario', 'sites.json'), 'utf8'));
    file.statuses.push({
      site: 'hueh',
      status: 'closed',
      at: '2024-02-29T16:00:00.000Z',
      source: { organisation: 'AlterPresse', title: 'HUEH closed' },
    });
    writeFileSync(join(dir, 'scenario', 'sites.json'), JSON.stringify(file));
    const other = await testContext({
      clock: fixedClock(new Date(DEMO_AS_OF)),
      config: { dataDir: dir },
    });
    await expect(loadScenario(other)).rejects.toThrow(ScenarioError);
    expect(other.store.sqlite.prepare('select count(*) n from sites').get()).toEqual({ n: 0 });
    await other.cleanup();
  });
});
