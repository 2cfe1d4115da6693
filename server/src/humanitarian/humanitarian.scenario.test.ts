/** The demo's humanitarian picture, as of 2023-06-08, read through the API as its users would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock/clock.js';
import { DEMO_AS_OF, DEMO_PASSWORD, loadScenario, type ScenarioSummary } from '../demo/scenario.js';
import type { Api } from '../http/api.js';
import { bearer, testApp, testContext, type TestContext } from '../test-support/context.js';

interface FigureView {
  id: string;
  metric: string;
  value: number;
  asOf: string;
  place: { pcode: string; hazardEventId: string | null };
  source: { organisation: string; title: string };
  dtm: { operation: string; round: number } | null;
  conflict: boolean;
}

describe('the demo’s humanitarian picture (2023-06-08)', () => {
  let ctx: TestContext;
  let app: Api;
  let summary: ScenarioSummary;
  const as = {} as Record<'contingent' | 'field' | 'im', Record<string, string>>;

  beforeAll(async () => {
    ctx = await testContext({ clock: fixedClock(new Date(DEMO_AS_OF)) });
    summary = await loadScenario(ctx);
    app = await testApp(ctx);
    for (const [key, role] of [
      ['contingent', 'contingent'],
      ['field', 'humanitarian-field'],
      ['im', 'humanitarian-im'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `${role}@demo.konbit.example`, password: DEMO_PASSWORD },
      });
      as[key] = bearer(res.json().token);
    }
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  const get = async (url: string, headers: Record<string, string> = as.contingent) =>
    (await app.inject({ method: 'GET', url, headers })).json();

  it('says what it loaded', () => {
    expect(summary.counts).toMatchObject({
      hazards: 3,
      'idp sites': 6,
      activities: 6,
      'access constraints': 3,
    });
    expect(summary.counts['dtm figures']).toBeGreaterThan(20);
  });

  it('shows the DTM round-3 figure beside the June press figure, with their sources', async () => {
    const figures = (await get('/api/v1/figures?metric=idps&pcode=HT')).figures as FigureView[];
    expect(figures[0]).toMatchObject({
      value: 165000,
      asOf: '2023-06-08',
      source: { organisation: 'IOM' },
    });
    expect(figures.find((f) => f.dtm?.round === 3)).toMatchObject({
      value: 127_977,
      asOf: '2023-03-31',
      source: { organisation: 'IOM DTM' },
    });
    const [latest, ...rest] = (await get('/api/v1/figures?metric=idps&pcode=HT&latest=1')).figures;
    expect(rest).toHaveLength(0);
    expect(latest).toMatchObject({ value: 165000, conflict: false });
  });

  it('holds the DTM round 3 by commune, and no DTM row dated after its now', async () => {
    const figures = (await get('/api/v1/figures?metric=idps&from=2023-03-31&to=2023-03-31'))
      .figures as FigureView[];
    const byCommune = Object.fromEntries(figures.map((f) => [f.place.pcode, f.value]));
    expect(byCommune).toMatchObject({ HT0111: 61_817, HT0112: 31_299, HT0117: 11_686 });
    const all = (await get('/api/v1/figures?metric=idps')).figures as FigureView[];
    const dtm = all.filter((f) => f.dtm !== null);
    expect(
      dtm.every((f) => f.asOf <= '2023-06-08' && f.dtm?.operation === 'Countrywide monitoring'),
    ).toBe(true);
    expect(new Set(dtm.map((f) => f.dtm?.round))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('has the early-June floods and the offshore earthquake, with their sources and figures', async () => {
    const hazards = (await get('/api/v1/hazards')).hazards as {
      id: string;
      type: string;
      epicentre: { onLand: boolean; commune: unknown } | null;
      affected: { pcode: string; name: string }[];
      sources: { organisation: string; url: string | null }[];
    }[];
    const floods = hazards.find((h) => h.type === 'flood');
    const quake = hazards.find((h) => h.type === 'earthquake');
    expect(floods?.sources.map((s) => s.organisation)).toContain('OCHA');
    expect(quake).toMatchObject({
      epicentre: { onLand: false, commune: null },
      affected: [{ pcode: 'HT0811', name: 'Jérémie' }],
    });
    expect(hazards.every((h) => h.sources.length > 0 && h.sources.every((s) => s.url))).toBe(true);
    const quakeFigures = (await get(`/api/v1/hazards/${quake?.id}`)).figures as FigureView[];
    const injured = quakeFigures.filter((f) => f.metric === 'injured');
    expect(injured.map((f) => f.value).sort()).toEqual([32, 36]);
    expect(injured.every((f) => f.conflict)).toBe(true);
    const floodFigures = (await get(`/api/v1/hazards/${floods?.id}`)).figures as FigureView[];
    expect(floodFigures.some((f) => f.metric === 'deaths' && f.value === 51)).toBe(true);
  });

  it('keeps the floods’ deaths and cholera’s deaths apart, so neither hides or contradicts the other', async () => {
    const deaths = (await get('/api/v1/figures?metric=deaths&pcode=HT&latest=1'))
      .figures as FigureView[];
    expect(deaths.map((f) => f.value).sort((a, b) => a - b)).toEqual([51, 686]);
    expect(deaths.every((f) => !f.conflict && f.place.hazardEventId !== null)).toBe(true);
  });

  it('shows access constraints on the Martissant corridor (RN2), the lifted one only when asked', async () => {
    const open = (await get('/api/v1/access-constraints')).constraints as {
      scope: string;
      place: string;
      source: { organisation: string };
    }[];
    expect(open).toHaveLength(2);
    expect(open.every((c) => c.scope === 'road' && /RN2/.test(c.place))).toBe(true);
    expect(open.map((c) => c.source.organisation).sort()).toEqual([
      'Haiti Infos Pro',
      'Le Nouvelliste',
    ]);
    const all = (await get('/api/v1/access-constraints?all=1')).constraints as { place: string }[];
    expect(all.some((c) => /illustrative/.test(c.place))).toBe(true);
  });

  it('labels what is not from a source as illustrative: the 3W activities and the IDP sites', async () => {
    const { activities } = await get('/api/v1/activities');
    expect(activities.length).toBe(6);
    for (const a of activities)
      expect(`${a.organisation.name} ${a.activity}`).toMatch(/illustrative/);
    const { sites } = await get('/api/v1/idp-sites?all=1', as.field);
    expect(sites).toHaveLength(6);
    for (const s of sites) expect(s.name).toMatch(/illustrative/);
  });

  it('gives a contingent the IDP sites at commune centroids, and an NGO their points', async () => {
    const field = (await get('/api/v1/idp-sites', as.field)).sites as {
      code: string;
      location: { generalised: boolean };
    }[];
    const contingent = (await get('/api/v1/idp-sites')).sites as {
      code: string;
      location: { generalised: boolean };
    }[];
    expect(field).toHaveLength(5);
    expect(field.find((s) => s.code === 'HT-DEMO-001')?.location.generalised).toBe(false);
    expect(contingent.find((s) => s.code === 'HT-DEMO-001')?.location.generalised).toBe(true);
  });
});
