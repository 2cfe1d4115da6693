/**
 * The map's operational layers against the real demo: critical sites, incidents (clusters and
 * points), IDP sites, hazards, access constraints and communes shaded by incidents. What each
 * layer draws (read from MapLibre's sources) equals what the API returns for the same user, box
 * and filters; filters and the time window change both the same way; records created through
 * the API appear without a reload; each user sees only what the policy lets them see.
 */
import { addDays, missionDayBounds, type LocalDate } from '@konbit/core';
import type { Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SITE_STATUS_COLOURS } from '../src/map/colours';
import { seriousViolations } from './axe';
import { asUser, type ApiUser } from './api';
import { drawn, drawnKeys, openMap, pathOf, sorted } from './map.support';
import { browserSkipReason, screenshot, signInAs, useBrowserDemo, type Page } from './support';

const unavailable = browserSkipReason();

interface SiteFeature {
  id: string;
  geometry: { coordinates: [number, number] };
  properties: { name: string; kind: string; status?: { status: string; id: string } };
}
interface Cluster {
  cell: string;
  count: number;
  bbox: [number, number, number, number];
  centre: [number, number];
  byType: Record<string, number>;
}
interface IncidentFeature {
  id: string;
  geometry: { coordinates: [number, number] } | null;
  properties: { type: string; generalised: boolean; source: { reliability: string } };
}
interface IdpSite {
  id: string;
  location: { position: [number, number]; precision: string; generalised: boolean };
  commune: { pcode: string };
}

/** Resolves with the answer to the last request for `path` a step makes, once answers settle. */
async function lastAnswer(page: Page, path: string, step: () => Promise<unknown>): Promise<URL> {
  const answers: Response[] = [];
  const onResponse = (r: Response) => {
    if (new URL(r.url()).pathname === path && r.request().method() === 'GET') answers.push(r);
  };
  page.on('response', onResponse);
  try {
    await step();
    await expect.poll(() => answers.length, { timeout: 20_000 }).toBeGreaterThan(0);
    // A move can end in several reads (zoom, then pan): wait until no new one comes.
    let seen = -1;
    while (seen !== answers.length) {
      seen = answers.length;
      await page.waitForTimeout(700);
    }
    const last = answers[answers.length - 1];
    if (!last) throw new Error(`no answer for ${path}`);
    return new URL(last.url());
  } finally {
    page.off('response', onResponse);
  }
}

const jumpTo = (page: Page, [lon, lat]: readonly number[], zoom: number) =>
  page.evaluate(`window.konbitMap.jumpTo({ center: [${lon}, ${lat}], zoom: ${zoom} })`);

/** Clicks the map at a position (through the page, as a person would). */
async function clickAt(page: Page, [lon, lat]: readonly number[]) {
  // Open details scroll the page down to them; the map must be in view for the click.
  await page.evaluate('window.scrollTo(0, 0)');
  const point = (await page.evaluate(`window.konbitMap.project([${lon}, ${lat}])`)) as {
    x: number;
    y: number;
  };
  const box = await page.getByTestId('map').boundingBox();
  await page.mouse.click((box?.x ?? 0) + point.x, (box?.y ?? 0) + point.y);
}

async function drawnClusters(page: Page): Promise<[string, number][]> {
  return (await drawn(page, 'incidents-clusters'))
    .map((f) => [String(f.properties['cell']), Number(f.properties['count'])] as [string, number])
    .sort();
}

async function drawnPoints(page: Page): Promise<[string, boolean, unknown][]> {
  return (await drawn(page, 'incidents-points'))
    .map(
      (f) =>
        [
          String(f.properties['id']),
          f.properties['generalised'] === true,
          f.geometry.coordinates,
        ] as [string, boolean, unknown],
    )
    .sort();
}

const apiPoints = (features: IncidentFeature[]) =>
  features
    .filter((f) => f.geometry !== null)
    .map(
      (f) =>
        [f.id, f.properties.generalised, f.geometry?.coordinates] as [string, boolean, unknown],
    )
    .sort();

/** Ticks one box of a filter group (opening the filters first). */
async function tick(page: Page, group: string, value: string, on = true) {
  const filters = page.getByTestId('layer-incidents').locator('details.filters');
  if ((await filters.getAttribute('open')) === null) {
    await filters.locator('summary').click();
  }
  const box = page.getByTestId(group).locator(`input[value="${value}"]`);
  if (on) await box.check();
  else await box.uncheck();
}

describe.skipIf(unavailable !== null)('the map layers', () => {
  const t = useBrowserDemo();
  let ops: ApiUser;
  let contingent: ApiUser;
  let im: ApiUser;
  let now: string;

  beforeAll(async () => {
    ops = await asUser(t.demo, 'mission-ops');
    contingent = await asUser(t.demo, 'contingent');
    im = await asUser(t.demo, 'humanitarian-im');
    now = (await ops.get<{ now: string }>('/healthz')).now;
  });

  async function page(role: string): Promise<Page> {
    const p = await t.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(p, t.demo, role);
    // Some demo accounts are in French or Creole; these checks read the English labels.
    await p.getByTestId('language').selectOption('en');
    await openMap(p);
    return p;
  }

  it('draws critical sites coloured by status as the API returns them, opens a site with its history, and follows a status change without a reload', async () => {
    const p = await page('mission-ops');
    const expected = async () =>
      (await ops.get<{ features: SiteFeature[] }>('/api/v1/sites')).features
        .map((f) => {
          const status = f.properties.status?.status ?? 'unknown';
          return [f.id, status, SITE_STATUS_COLOURS[status as keyof typeof SITE_STATUS_COLOURS]];
        })
        .sort();
    const drawnSites = async () =>
      (await drawn(p, 'sites'))
        .map((f) => [f.properties['id'], f.properties['status'], f.properties['colour']])
        .sort();
    const sites = await ops.get<{ features: SiteFeature[] }>('/api/v1/sites');
    expect(sites.features.length).toBeGreaterThan(1);
    await expect.poll(drawnSites).toEqual(await expected());

    // The airport and the port are there, each in its status's colour.
    const airport = sites.features.find((f) => f.properties.kind === 'airport');
    const port = sites.features.find((f) => f.properties.kind === 'seaport');
    if (!airport || !port) throw new Error('the demo has an airport and a port');
    for (const site of [airport, port]) {
      const f = (await drawn(p, 'sites')).find((d) => d.properties['id'] === site.id);
      expect(f?.geometry.coordinates).toEqual(site.geometry.coordinates);
      expect(f?.properties['status']).toBe(site.properties.status?.status ?? 'unknown');
    }

    // A click on the airport opens its status, holder, since and history as the API has them.
    await jumpTo(p, airport.geometry.coordinates, 14);
    await p.waitForTimeout(500);
    await clickAt(p, airport.geometry.coordinates);
    const details = p.getByTestId('details-body');
    await expect.poll(() => details.getAttribute('data-layer')).toBe('sites');
    expect(await details.getAttribute('data-id')).toBe(airport.id);
    expect(await details.getByTestId('details-status').getAttribute('data-status')).toBe(
      airport.properties.status?.status ?? 'unknown',
    );
    const historyIds = async () =>
      details
        .getByTestId('site-history')
        .locator('li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')));
    const history = await ops.get<{ changes: { id: string }[] }>(
      `/api/v1/sites/${airport.id}/history`,
    );
    await expect.poll(historyIds).toEqual(history.changes.map((c) => c.id));
    // The statements released for partners, as the API lists them for this user.
    const releases = (
      await ops.get<{ releases: { id: string }[] }>(`/api/v1/sites/${airport.id}/history`)
    ).releases;
    expect(
      await details
        .getByTestId('site-releases')
        .locator('li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id'))),
    ).toEqual(releases.map((r) => r.id));
    await screenshot(p, 'map-sites');
    expect(await seriousViolations(p)).toEqual([]);

    // A new status report reaches the open map and the open details through the live feed.
    const next = airport.properties.status?.status === 'contested' ? 'secured' : 'contested';
    const res = await ops.post(`/api/v1/sites/${airport.id}/status`, {
      status: next,
      holder: { organisation: 'Browser test unit (illustrative)' },
      source: { organisation: 'Browser test (illustrative)', title: 'Illustrative status report' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    await expect
      .poll(() => drawnSites().then((d) => d.find((s) => s[0] === airport.id)?.[1]), {
        timeout: 20_000,
      })
      .toBe(next);
    expect(await drawnSites()).toEqual(await expected());
    await expect
      .poll(() => details.getByTestId('details-status').getAttribute('data-status'))
      .toBe(next);
    expect(await details.getByTestId('details-holder').textContent()).toBe(
      'Browser test unit (illustrative)',
    );
    const after = await ops.get<{ changes: { id: string }[] }>(
      `/api/v1/sites/${airport.id}/history`,
    );
    expect(after.changes.length).toBe(history.changes.length + 1);
    await expect.poll(historyIds).toEqual(after.changes.map((c) => c.id));
    await p.close();
  });

  it('draws incident clusters zoomed out and points zoomed in exactly as the API returns them for the view, and a cluster holds the points its cell lists', async () => {
    const p = await page('mission-ops');
    // Ninety days: the demo's incidents of the spring are in the window.
    let url = await lastAnswer(p, '/api/v1/incidents/clusters', async () => {
      await p.getByTestId('time-length').selectOption('90');
      await jumpTo(p, [-72.31, 18.56], 11);
    });
    expect(url.searchParams.get('zoom')).toBe('11');
    const bounds = (await p.evaluate('window.konbitMap.getBounds().toArray().flat()')) as number[];
    const bbox = (url.searchParams.get('bbox') ?? '').split(',').map(Number);
    bbox.forEach((v, i) => expect(v).toBeCloseTo(bounds[i] ?? NaN, 4));
    const answer = await ops.get<{ clusters: Cluster[]; total: number }>(pathOf(url));
    expect(answer.total).toBeGreaterThan(0);
    await expect
      .poll(() => drawnClusters(p))
      .toEqual(answer.clusters.map((c) => [c.cell, c.count]).sort());
    expect(await drawnKeys(p, 'incidents-points')).toEqual([]);
    // Each circle in view carries its count, drawn as an image made for that count.
    const labels = async () =>
      new Map(
        (await p.evaluate(
          `window.konbitMap.queryRenderedFeatures({ layers: ['incidents-cluster-counts'] })
            .map((f) => [f.properties.cell, f.properties.label + (window.konbitMap.hasImage('incident-count-' + f.properties.label) ? '' : ' (no image)')])`,
        )) as [string, string][],
      );
    const [west, south, east, north] = bounds as [number, number, number, number];
    const margin = [(east - west) * 0.05, (north - south) * 0.05] as const;
    const inner = (c: Cluster) =>
      c.centre[0] > west + margin[0] &&
      c.centre[0] < east - margin[0] &&
      c.centre[1] > south + margin[1] &&
      c.centre[1] < north - margin[1];
    const inView = answer.clusters.filter(inner);
    expect(inView.length).toBeGreaterThan(0);
    await expect
      .poll(
        async () => {
          const shown = await labels();
          return inView.map((c) => [c.cell, shown.get(c.cell) ?? null]).sort();
        },
        { timeout: 15_000 },
      )
      .toEqual(inView.map((c) => [c.cell, String(c.count)]).sort());
    // Nothing labelled that the answer does not hold, nor with another count.
    const counts = new Map(answer.clusters.map((c) => [c.cell, String(c.count)]));
    for (const [cell, label] of await labels())
      expect(label, `cell ${cell}`).toBe(counts.get(cell));
    await screenshot(p, 'map-incident-clusters');

    // Every cell's count is what the list returns for its box with the same filters.
    for (const c of answer.clusters) {
      const q = new URLSearchParams(url.search);
      q.delete('zoom');
      q.set('bbox', c.bbox.join(','));
      q.set('limit', '5000');
      const listed = await ops.get<{ features: IncidentFeature[] }>(`/api/v1/incidents?${q}`);
      expect(listed.features.length, `cell ${c.cell}`).toBe(c.count);
    }

    // The biggest cluster, chosen from the list and zoomed into, shows as many points in its cell.
    const biggest = [...answer.clusters].sort((a, b) => b.count - a.count)[0];
    if (!biggest) throw new Error('no cluster');
    const layer = p.getByTestId('layer-incidents');
    await layer.getByText(/^List \(/).click();
    await layer.locator(`li[data-cell="${biggest.cell}"] button`).click();
    const details = p.getByTestId('details-body');
    await expect.poll(() => details.getAttribute('data-id')).toBe(`cell:${biggest.cell}`);
    url = await lastAnswer(p, '/api/v1/incidents', async () => {
      await details.getByRole('button', { name: 'Zoom in on these incidents' }).click();
    });
    expect(Number(await p.evaluate('window.konbitMap.getZoom()'))).toBeGreaterThanOrEqual(13);
    const [w, s, e, n] = biggest.bbox;
    const inCell = async () =>
      (await drawn(p, 'incidents-points')).filter((f) => {
        const [x, y] = f.geometry.coordinates as [number, number];
        return x >= w && x < e && y >= s && y < n;
      }).length;
    await expect.poll(inCell).toBe(biggest.count);

    // Zoomed in, the points drawn are the API's list for the view, flags included.
    const points = await ops.get<{ features: IncidentFeature[] }>(pathOf(url));
    expect(url.searchParams.get('bbox')).not.toBeNull();
    await expect.poll(() => drawnPoints(p)).toEqual(apiPoints(points.features));
    const listed = await p
      .getByTestId('list-incidents')
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')));
    expect(sorted(listed)).toEqual(sorted(points.features.map((f) => f.id)));
    await screenshot(p, 'map-incidents');
    expect(await seriousViolations(p)).toEqual([]);
    await p.close();
  });

  it('changes what is drawn and what the API returns the same way for type, verification, source grade and time window', async () => {
    const p = await page('mission-ops');
    const compare = async (url: URL) => {
      const answer = await ops.get<{ clusters: Cluster[]; total: number }>(pathOf(url));
      await expect
        .poll(() => drawnClusters(p))
        .toEqual(answer.clusters.map((c) => [c.cell, c.count]).sort());
      return answer;
    };
    const clusters = '/api/v1/incidents/clusters';
    let url = await lastAnswer(p, clusters, async () => {
      await p.getByTestId('time-length').selectOption('90');
      await jumpTo(p, [-72.31, 18.56], 10);
    });
    const all = await compare(url);
    // Reports judged false are left out unless asked for, as the statistics do.
    expect(url.searchParams.get('verification')).toBe('unverified,verified,disputed');

    // One type: fewer incidents, drawn as the API counts them.
    const byType = new Map<string, number>();
    for (const c of all.clusters) {
      for (const [type, n] of Object.entries(c.byType))
        byType.set(type, (byType.get(type) ?? 0) + n);
    }
    const [type, count] = [...byType].sort((a, b) => a[1] - b[1])[0] ?? ['', 0];
    expect(count).toBeLessThan(all.total);
    url = await lastAnswer(p, clusters, () => tick(p, 'filter-types', type));
    expect(url.searchParams.get('types')).toBe(type);
    expect((await compare(url)).total).toBe(count);
    url = await lastAnswer(p, clusters, () => tick(p, 'filter-types', type, false));
    expect(url.searchParams.get('types')).toBeNull();
    expect((await compare(url)).total).toBe(all.total);

    // Verification: only verified reports.
    for (const state of ['unverified', 'disputed']) {
      url = await lastAnswer(p, clusters, () => tick(p, 'filter-verification', state, false));
    }
    expect(url.searchParams.get('verification')).toBe('verified');
    const verified = await compare(url);
    expect(verified.total).toBeLessThan(all.total);

    // Source grade: reliability A or B only, on top of the verification filter.
    for (const grade of ['A', 'B']) {
      url = await lastAnswer(p, clusters, () => tick(p, 'filter-reliability', grade));
    }
    expect(url.searchParams.get('reliability')).toBe('A,B');
    const graded = await compare(url);
    expect(graded.total).toBeLessThanOrEqual(verified.total);
    url = await lastAnswer(p, clusters, async () => {
      await tick(p, 'filter-reliability', 'A', false);
      await tick(p, 'filter-reliability', 'B', false);
      await tick(p, 'filter-verification', 'unverified');
      await tick(p, 'filter-verification', 'disputed');
    });
    expect((await compare(url)).total).toBe(all.total);

    // The time window: a week ending 5 June reads that period and draws what it holds.
    url = await lastAnswer(p, clusters, async () => {
      await p.getByTestId('time-length').selectOption('7');
      await p.getByTestId('time-to').fill('2023-06-05');
    });
    expect(url.searchParams.get('from')).toBe('2023-05-30T04:00:00.000Z');
    expect(url.searchParams.get('to')).toBe('2023-06-06T04:00:00.000Z');
    const week = await compare(url);
    expect(week.total).toBeLessThan(all.total);

    // Play moves the period forward by itself; where it stops is drawn as the API counts it.
    const showing = await p.getByTestId('time-showing').textContent();
    await p.getByTestId('time-play').click();
    await expect
      .poll(() => p.getByTestId('time-showing').textContent(), { timeout: 10_000 })
      .not.toBe(showing);
    await p.getByTestId('time-play').click();
    const to = (await p.getByTestId('time-to').inputValue()) as LocalDate;
    expect(to > '2023-06-05').toBe(true);
    const played = new URLSearchParams(url.search);
    played.set('from', missionDayBounds(addDays(to, -6)).start.toISOString());
    played.set('to', missionDayBounds(to).end.toISOString());
    await compare(new URL(`${url.origin}${url.pathname}?${played}`));
    await p.close();
  });

  it('shows an incident created through the API on an open map without a reload, once', async () => {
    const p = await page('mission-ops');
    const spot: [number, number] = [-72.3105, 18.5605];
    const url = await lastAnswer(p, '/api/v1/incidents', () => jumpTo(p, spot, 15));
    const before = await ops.get<{ features: IncidentFeature[] }>(pathOf(url));
    await expect.poll(() => drawnPoints(p)).toEqual(apiPoints(before.features));
    const occurredAt = new Date(Date.parse(now) - 3_600_000).toISOString();
    const res = await ops.post('/api/v1/incidents', {
      type: 'roadblock-checkpoint',
      occurredAt,
      location: { lon: spot[0], lat: spot[1] },
      locationPrecision: 'exact',
      description: 'Illustrative: a roadblock filed by the map browser test',
      source: { kind: 'patrol', reliability: 'B', credibility: '2' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { incident } = (await res.json()) as { incident: { id: string } };
    await expect
      .poll(() => drawnKeys(p, 'incidents-points'), { timeout: 20_000 })
      .toContain(incident.id);
    const ids = await drawnKeys(p, 'incidents-points');
    expect(ids.filter((id) => id === incident.id)).toHaveLength(1);
    const after = await ops.get<{ features: IncidentFeature[] }>(pathOf(url));
    expect(await drawnPoints(p)).toEqual(apiPoints(after.features));

    // Its details are the API's: description, source grade and (empty) verification history.
    await clickAt(p, spot);
    const details = p.getByTestId('details-body');
    await expect.poll(() => details.getAttribute('data-id')).toBe(incident.id);
    const detail = await ops.get<{
      properties: { description: string; source: { grade: string } };
    }>(`/api/v1/incidents/${incident.id}`);
    await expect
      .poll(() => details.getByTestId('details-description').textContent())
      .toBe(detail.properties.description);
    expect(await details.getByTestId('details-grade').textContent()).toMatch(
      new RegExp(`^${detail.properties.source.grade} — Patrol`),
    );
    expect(await details.getByText('Not judged yet.').count()).toBe(1);
    await p.close();
  });

  it('generalises a sensitive incident reported by mission HQ for a contingent user, and shows it exactly to mission HQ', async () => {
    const exact: [number, number] = [-72.3322, 18.5507];
    const res = await ops.post('/api/v1/incidents', {
      type: 'sexual-violence',
      occurredAt: new Date(Date.parse(now) - 7_200_000).toISOString(),
      location: { lon: exact[0], lat: exact[1] },
      locationPrecision: 'exact',
      description: 'Illustrative: a sensitive report filed by the map browser test',
      source: { kind: 'patrol', reliability: 'B', credibility: '2' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { incident } = (await res.json()) as { incident: { id: string } };
    const seen = await contingent.get<IncidentFeature>(`/api/v1/incidents/${incident.id}`);
    expect(seen.properties.generalised).toBe(true);
    const centroid = seen.geometry?.coordinates;
    if (!centroid) throw new Error('a generalised incident has the commune centroid');
    expect(centroid).not.toEqual(exact);

    const p = await page('contingent');
    const url = await lastAnswer(p, '/api/v1/incidents', () => jumpTo(p, centroid, 14));
    const listed = await contingent.get<{ features: IncidentFeature[] }>(pathOf(url));
    await expect.poll(() => drawnPoints(p)).toEqual(apiPoints(listed.features));
    const mine = (await drawnPoints(p)).find(([id]) => id === incident.id);
    expect(mine).toEqual([incident.id, true, centroid]);
    // Around the exact point, the contingent's map has nothing of it.
    await lastAnswer(p, '/api/v1/incidents', () => jumpTo(p, exact, 17));
    await expect.poll(() => drawnKeys(p, 'incidents-points')).not.toContain(incident.id);
    await lastAnswer(p, '/api/v1/incidents', () => jumpTo(p, centroid, 14));
    const layer = p.getByTestId('layer-incidents');
    await layer.getByText(/^List \(/).click();
    const item = layer.locator(`li[data-id="${incident.id}"]`);
    expect(await item.getAttribute('data-generalised')).toBe('true');
    await item.getByRole('button').click();
    const details = p.getByTestId('details-body');
    await details.getByTestId('details-generalised').waitFor();
    expect(await details.getByTestId('latlon').textContent()).toBe(
      `${centroid[1].toFixed(5)}, ${centroid[0].toFixed(5)}`,
    );
    await p.close();

    const hq = await page('mission-ops');
    const hqUrl = await lastAnswer(hq, '/api/v1/incidents', () => jumpTo(hq, exact, 15));
    const hqListed = await ops.get<{ features: IncidentFeature[] }>(pathOf(hqUrl));
    await expect.poll(() => drawnPoints(hq)).toEqual(apiPoints(hqListed.features));
    expect((await drawnPoints(hq)).find(([id]) => id === incident.id)).toEqual([
      incident.id,
      false,
      exact,
    ]);
    await hq.close();
  });

  it('shows IDP sites exactly to a humanitarian user and at commune centroids, flagged, to a contingent user', async () => {
    const drawnSites = async (p: Page) =>
      (await drawn(p, 'idp-sites'))
        .map((f) => [f.properties['id'], f.geometry.coordinates, f.properties['generalised']])
        .sort();
    const fromApi = (sites: IdpSite[]) =>
      sites.map((s) => [s.id, s.location.position, s.location.generalised]).sort();
    const communes = await ops.get<{
      features: { id: string; properties: { centroid: [number, number] } }[];
    }>('/api/v1/areas?level=2');
    const centroidOf = (pcode: string) =>
      communes.features.find((f) => f.id === pcode)?.properties.centroid;

    const forIm = (await im.get<{ sites: IdpSite[] }>('/api/v1/idp-sites')).sites;
    const forContingent = (await contingent.get<{ sites: IdpSite[] }>('/api/v1/idp-sites')).sites;
    expect(forIm.length).toBeGreaterThan(0);
    expect(sorted(forContingent.map((s) => s.id))).toEqual(sorted(forIm.map((s) => s.id)));
    expect(forIm.filter((s) => s.location.precision === 'exact').length).toBeGreaterThan(0);
    for (const s of forIm) expect(s.location.generalised).toBe(false);
    // Sites known only by their commune (host families) are there already; the rest are moved.
    expect(forContingent.filter((s) => s.location.generalised).length).toBeGreaterThan(0);
    for (const s of forContingent) {
      expect(s.location.generalised || s.location.precision === 'commune').toBe(true);
      expect(s.location.position).toEqual(centroidOf(s.commune.pcode));
    }

    const humanitarian = await page('humanitarian-im');
    await expect.poll(() => drawnSites(humanitarian)).toEqual(fromApi(forIm));
    const list = humanitarian.getByTestId('layer-idp-sites');
    await list.getByText(/^List \(/).click();
    const flags = (p: Page) =>
      p
        .getByTestId('list-idp-sites')
        .locator('li')
        .evaluateAll((lis) =>
          lis.map((li) => `${li.getAttribute('data-id')}:${li.getAttribute('data-generalised')}`),
        );
    const flagsOf = (sites: IdpSite[]) =>
      sites.map((s) => `${s.id}:${String(s.location.generalised)}`).sort();
    expect(sorted(await flags(humanitarian))).toEqual(flagsOf(forIm));
    // Nothing mission-only: the sites and incidents drawn are what the API gives this user.
    const imSites = (await im.get<{ features: SiteFeature[] }>('/api/v1/sites')).features;
    await expect
      .poll(async () =>
        (await drawn(humanitarian, 'sites'))
          .map((f) => `${String(f.properties['id'])}:${String(f.properties['status'])}`)
          .sort(),
      )
      .toEqual(imSites.map((f) => `${f.id}:${f.properties.status?.status ?? 'unknown'}`).sort());
    const url = await lastAnswer(humanitarian, '/api/v1/incidents/clusters', () =>
      jumpTo(humanitarian, [-72.31, 18.56], 11),
    );
    const imClusters = await im.get<{ clusters: Cluster[] }>(pathOf(url));
    await expect
      .poll(() => drawnClusters(humanitarian))
      .toEqual(imClusters.clusters.map((c) => [c.cell, c.count]).sort());
    await screenshot(humanitarian, 'map-idp-sites-humanitarian');
    expect(await seriousViolations(humanitarian)).toEqual([]);
    await humanitarian.close();

    const p = await page('contingent');
    await expect.poll(() => drawnSites(p)).toEqual(fromApi(forContingent));
    await p
      .getByTestId('layer-idp-sites')
      .getByText(/^List \(/)
      .click();
    expect(sorted(await flags(p))).toEqual(flagsOf(forContingent));
    const first = forContingent.find((s) => s.location.generalised);
    if (!first) throw new Error('no IDP site');
    await p.locator(`[data-testid="list-idp-sites"] li[data-id="${first.id}"] button`).click();
    const details = p.getByTestId('details-body');
    await details.getByTestId('details-generalised').waitFor();
    expect(await details.getByTestId('details-pcode').textContent()).toContain(first.commune.pcode);

    // A site the humanitarian user records reaches the open map, at its commune centroid.
    const res = await im.post('/api/v1/idp-sites', {
      name: 'Collective centre recorded by the browser test (illustrative)',
      type: 'collective-centre',
      location: { lon: -72.3005, lat: 18.5452 },
      classification: 'partners',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as IdpSite;
    await expect.poll(() => drawnKeys(p, 'idp-sites'), { timeout: 20_000 }).toContain(created.id);
    const now = (await contingent.get<{ sites: IdpSite[] }>('/api/v1/idp-sites')).sites;
    const mine = now.find((s) => s.id === created.id);
    expect(mine?.location.generalised).toBe(true);
    expect(mine?.location.position).toEqual(centroidOf(created.commune.pcode));
    expect(await drawnSites(p)).toEqual(fromApi(now));
    await p.close();
  });

  it('draws hazards and access constraints in the window as the API returns them, with their details', async () => {
    const p = await page('mission-ops');
    await p.getByTestId('time-length').selectOption('30');
    const window = async () => {
      const text = (await p.getByTestId('time-to').inputValue()) as string;
      const length = Number(await p.getByTestId('time-length').inputValue());
      const from = new Date(Date.parse(`${text}T00:00:00Z`) - (length - 1) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return { from, to: text };
    };
    interface Hazard {
      id: string;
      name: string;
      magnitude: number | null;
      epicentre: { position: [number, number] } | null;
      affected: { pcode: string; level: number }[];
    }
    interface Constraint {
      id: string;
      severity: string;
      geometry: { type: string } | null;
      communes: { pcode: string }[];
    }
    const hazardsFor = async () => {
      const { from, to } = await window();
      return (await ops.get<{ hazards: Hazard[] }>(`/api/v1/hazards?from=${from}&to=${to}`))
        .hazards;
    };
    const constraintsFor = async () => {
      const { from, to } = await window();
      return (
        await ops.get<{ constraints: Constraint[] }>(
          `/api/v1/access-constraints?from=${from}&to=${to}`,
        )
      ).constraints;
    };
    const areasDrawn = async () =>
      (await drawn(p, 'hazards-areas'))
        .map((f) => `${String(f.properties['id'])}:${String(f.properties['pcode'])}`)
        .sort();
    const hazardAreas = (hazards: Hazard[]) =>
      hazards
        .flatMap((h) =>
          h.affected.filter((a) => a.level === 1 || a.level === 2).map((a) => `${h.id}:${a.pcode}`),
        )
        .sort();
    const linesDrawn = () => drawnKeys(p, 'access-lines');
    const constraintLines = (list: Constraint[]) =>
      list
        .filter((c) => c.geometry !== null && /LineString$/.test(c.geometry.type))
        .map((c) => c.id)
        .sort();

    // Hazards are off until asked for: departments-wide shading would hide the rest.
    expect(await p.getByTestId('switch-hazards').isChecked()).toBe(false);
    await p.getByTestId('switch-hazards').check();
    const hazards = await hazardsFor();
    expect(hazards.length).toBeGreaterThan(0);
    await expect.poll(areasDrawn).toEqual(hazardAreas(hazards));
    await expect
      .poll(() => drawnKeys(p, 'hazards-epicentres'))
      .toEqual(
        hazards
          .filter((h) => h.epicentre !== null)
          .map((h) => h.id)
          .sort(),
      );
    const constraints = await constraintsFor();
    expect(constraintLines(constraints).length).toBeGreaterThan(0);
    await expect.poll(linesDrawn).toEqual(constraintLines(constraints));

    // An earthquake's details: magnitude and sources.
    const quake = hazards.find((h) => h.epicentre !== null && h.magnitude !== null);
    if (quake) {
      const layer = p.getByTestId('layer-hazards');
      await layer.getByText(/^List \(/).click();
      await layer.locator(`li[data-id="${quake.id}"] button`).click();
      const details = p.getByTestId('details-body');
      await expect.poll(() => details.getAttribute('data-id')).toBe(quake.id);
      expect(await details.getByTestId('details-magnitude').textContent()).toContain(
        String(quake.magnitude),
      );
      expect(await details.getByTestId('source').count()).toBeGreaterThan(0);
    }

    // A constraint clicked on the map opens its severity and source.
    const line = constraints.find((c) => c.id === constraintLines(constraints)[0]);
    const access = p.getByTestId('layer-access');
    await access.getByText(/^List \(/).click();
    await access.locator(`li[data-id="${line?.id}"] button`).click();
    const details = p.getByTestId('details-body');
    await expect.poll(() => details.getAttribute('data-layer')).toBe('access');
    expect(await details.getByTestId('details-severity').textContent()).toBe(
      { low: 'Low', medium: 'Medium', high: 'High', extreme: 'Extreme' }[line?.severity ?? 'low'],
    );
    await screenshot(p, 'map-hazards-access');
    expect(await seriousViolations(p)).toEqual([]);

    // A constraint recorded now reaches the open map without a reload.
    const { to } = await window();
    const posted = await im.post('/api/v1/access-constraints', {
      category: 'restriction-of-movement',
      severity: 'high',
      scope: 'road',
      geometry: {
        type: 'LineString',
        coordinates: [
          [-72.3005, 18.5452],
          [-72.2905, 18.5502],
        ],
      },
      place: 'Road closed for the browser test (illustrative)',
      description: 'Illustrative: a road closed by the browser test',
      start: to,
      source: { organisation: 'Browser test (illustrative)', title: 'Illustrative constraint' },
      classification: 'partners',
    });
    expect(posted.status, await posted.clone().text()).toBe(201);
    const recorded = (await posted.json()) as Constraint;
    await expect.poll(linesDrawn, { timeout: 20_000 }).toContain(recorded.id);
    expect(await linesDrawn()).toEqual(constraintLines(await constraintsFor()));

    // Another window: both layers follow it as the API does.
    await p.getByTestId('time-length').selectOption('1');
    await p.getByTestId('time-to').fill('2023-06-04');
    const earlier = await constraintsFor();
    await expect.poll(linesDrawn).toEqual(constraintLines(earlier));
    await expect.poll(areasDrawn).toEqual(hazardAreas(await hazardsFor()));
    await p.close();
  });

  it('shades communes by the incidents in the period exactly as the statistics count them', async () => {
    const p = await page('mission-ops');
    const layer = p.getByTestId('layer-figures');
    const listed = async () =>
      Object.fromEntries(
        await layer
          .locator('[data-testid="list-figures"] tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) => [tr.getAttribute('data-pcode'), Number(tr.getAttribute('data-value'))]),
          ),
      );
    const stats = async (from: string, to: string) => {
      const answer = await ops.get<{ groups: { key: string; count: number }[] }>(
        `/api/v1/incidents/stats?groupBy=pcode&from=${from}&to=${to}`,
      );
      return Object.fromEntries(
        answer.groups
          .filter((g) => /^HT\d{4}$/.test(g.key) && g.count > 0)
          .map((g) => [g.key, g.count]),
      );
    };
    await p.getByTestId('figures-metric').selectOption('incidents');
    await p.getByTestId('time-length').selectOption('30');
    await layer.getByText(/^List \(/).click();
    const to = await p.getByTestId('time-to').inputValue();
    const from30 = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const month = await stats(from30, to);
    expect(Object.keys(month).length).toBeGreaterThan(0);
    await expect.poll(listed).toEqual(month);
    await expect
      .poll(() => drawnKeys(p, 'figures-communes', 'pcode'))
      .toEqual(Object.keys(month).sort());

    // A shorter period: both change the same way.
    await p.getByTestId('time-length').selectOption('1');
    const day = await stats(to, to);
    expect(day).not.toEqual(month);
    await expect.poll(listed).toEqual(day);
    await expect
      .poll(() => drawnKeys(p, 'figures-communes', 'pcode'))
      .toEqual(Object.keys(day).sort());
    await p.close();
  });
});
