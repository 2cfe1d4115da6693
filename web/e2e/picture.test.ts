/**
 * The operational picture in the browser, against the real demo: what the map, the dashboard
 * and the report form show equals what the API returns for the same user and filters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { asUser, DTM_ROUND_3, testFigure, type ApiUser, type ListedFigure } from './api';
import {
  browserSkipReason,
  ROUTED,
  screenshot,
  signInAs,
  useBrowserDemo,
  type Page,
} from './support';

const unavailable = browserSkipReason();

async function openMap(page: Page) {
  await page.getByRole('link', { name: 'Map' }).click();
  await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 60_000 });
}

/** Switches off the layers of records drawn above places and communes (sites, incidents…). */
async function hideRecordLayers(page: Page) {
  for (const id of ['sites', 'incidents', 'idp-sites', 'access']) {
    await page.getByTestId(`switch-${id}`).uncheck();
  }
  // Reaching the switches scrolled the page; the clicks that follow aim at the map in view.
  await page.evaluate('window.scrollTo(0, 0)');
}

/** What the map has drawn in a source, by feature id (through MapLibre, not the DOM). */
function drawnIds(page: Page, source: string, key: string): Promise<string[]> {
  return page.evaluate(
    `window.konbitMap.getSource(${JSON.stringify(source)}).serialize().data.features.map(f => String(f.properties[${JSON.stringify(key)}])).sort()`,
  ) as Promise<string[]>;
}

async function listedCommunes(page: Page): Promise<Record<string, number>> {
  const rows = page.locator('[data-testid="list-figures"] tbody tr');
  const pairs = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute('data-pcode'), Number(tr.getAttribute('data-value'))]),
  );
  return Object.fromEntries(pairs);
}

/** The latest figure per commune as the API gives it (figures about IDP sites left out). */
async function apiCommunes(
  api: ApiUser,
  to: string,
  metric = 'idps',
): Promise<Record<string, number>> {
  const { figures } = await api.get<{ figures: ListedFigure[] }>(
    `/api/v1/figures?metric=${metric}&latest=1&to=${to}`,
  );
  const latest = new Map<string, ListedFigure>();
  for (const f of figures) {
    if (f.place.level !== 2 || f.place.idpSiteId || f.place.hazardEventId) continue;
    const seen = latest.get(f.place.pcode);
    const newer =
      !seen || f.asOf > seen.asOf || (f.asOf === seen.asOf && f.createdAt > seen.createdAt);
    if (newer) latest.set(f.place.pcode, f);
  }
  return Object.fromEntries([...latest].map(([pcode, f]) => [pcode, f.value]));
}

describe.skipIf(unavailable !== null)('the operational picture', () => {
  const t = useBrowserDemo();
  let ops: ApiUser;

  beforeAll(async () => {
    ops = await asUser(t.demo, 'mission-ops');
  });

  it('shows mission HQ 165,000 internally displaced with IOM as the source, and every key figure as the API gives it', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, t.demo, 'mission-ops');
    const card = page.getByTestId('card-idps');
    await card.getByTestId('amount').waitFor();
    expect(await card.getByTestId('amount').textContent()).toBe('more than 165,000');
    expect(await card.getByTestId('source').textContent()).toMatch(/^Source: IOM, Gang violence/);
    const { figures } = await ops.get<{ figures: ListedFigure[] }>(
      '/api/v1/figures?latest=1&pcode=HT',
    );
    const others = figures.filter((f) => f.metric !== 'idps');
    const shown = await page
      .getByTestId('card-key-figures')
      .getByTestId('amount')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))).sort());
    expect(shown).toEqual(others.map((f) => f.value).sort());
    // The chart's table holds exactly the national history of the figure.
    const history = await ops.get<{ figures: ListedFigure[] }>(
      '/api/v1/figures?metric=idps&pcode=HT',
    );
    await page.getByTestId('chart-canvas').locator('canvas').first().waitFor();
    const rows = await page
      .getByTestId('chart-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-value'))));
    expect(rows.sort()).toEqual(history.figures.map((f) => f.value).sort());
    await screenshot(page, 'dashboard');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('marks figures whose sources disagree and shows both with their sources', async () => {
    const page = await t.browser.newPage(ROUTED);
    // The demo's national figures are further apart in time than the conflict window, so the
    // real answer is taken and a disagreeing DTM figure added to it as the API flags one.
    await page.route('**/api/v1/figures?latest=1&pcode=HT', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { figures: Record<string, unknown>[] };
      const idps = body.figures.find((f) => f['metric'] === 'idps');
      if (idps) {
        idps['conflict'] = true;
        body.figures.push({
          ...idps,
          id: '0190a0b2-7c1e-7d3f-8a4b-1c2d3e4f5a6b',
          value: 127_977,
          qualifier: 'exact',
          asOf: '2023-03-31',
          context: null,
          source: {
            organisation: 'IOM DTM',
            title: 'Haiti: displacement, round 3',
            url: null,
            published: '2023-03-31',
            method: 'DTM round 3',
          },
        });
      }
      return route.fulfill({ response, json: body });
    });
    await signInAs(page, t.demo, 'mission-ops');
    const conflict = page.getByTestId('card-idps').getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.getByText('Sources disagree').count()).toBe(1);
    const amounts = await conflict.getByTestId('amount').allTextContents();
    expect(amounts).toEqual(['more than 165,000', '127,977']);
    const sources = await conflict.getByTestId('source').allTextContents();
    expect(sources[0]).toMatch(/IOM, Gang violence/);
    expect(sources[1]).toMatch(/IOM DTM, Haiti: displacement, round 3.*DTM round 3/);
    await page.close();
  });

  it('draws the places and the communes shaded by a figure exactly as the API returns them, and opens details on a click', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, t.demo, 'mission-ops');
    await openMap(page);
    const places = await ops.get<{ features: { id: string; properties: { name: string } }[] }>(
      '/api/v1/places',
    );
    await expect
      .poll(() => drawnIds(page, 'places', 'id').then((ids) => ids.length))
      .toBe(places.features.length);
    expect(
      await page
        .getByTestId('layer-places')
        .getByText(/^List \(/)
        .textContent(),
    ).toBe(`List (${places.features.length})`);

    await page
      .getByTestId('layer-figures')
      .getByText(/^List \(/)
      .click();
    const communes = await apiCommunes(ops, '2023-06-08');
    // The demo's DTM rounds: round 3 in the capital, earlier rounds elsewhere.
    expect(communes['HT0111']).toBe(DTM_ROUND_3[0]?.value);
    await expect.poll(() => listedCommunes(page)).toEqual(communes);
    await expect
      .poll(() => drawnIds(page, 'figures-communes', 'pcode'))
      .toEqual(Object.keys(communes).sort());

    // The airport, clicked on the map, opens its details: name and position as the API has them
    // (the layers drawn above places, such as the airport as a critical site, switched off).
    await hideRecordLayers(page);
    const airport = places.features.find((f) => f.id === 'poi-pap-airport');
    const point = (await page.evaluate('window.konbitMap.project([-72.2925, 18.58])')) as {
      x: number;
      y: number;
    };
    const box = await page.getByTestId('map').boundingBox();
    await page.mouse.click((box?.x ?? 0) + point.x, (box?.y ?? 0) + point.y);
    const details = page.getByTestId('details-body');
    await expect
      .poll(() => details.getByTestId('details-title').textContent())
      .toBe(airport?.properties.name);
    expect(await details.getByTestId('mgrs').textContent()).toBe('18Q YF 85756 56508');
    expect(await details.getByTestId('latlon').textContent()).toBe('18.58000, -72.29250');
    await screenshot(page, 'map');
    expect(await seriousViolations(page)).toEqual([]);

    // A switched-off layer is hidden on the map.
    await page.getByTestId('switch-places').uncheck();
    await expect
      .poll(() => page.evaluate(`window.konbitMap.getLayoutProperty('places-key', 'visibility')`))
      .toBe('none');
    await page.close();
  });

  it('opens a commune from the boundaries layer, and shades by the figure chosen', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, t.demo, 'mission-ops');
    await openMap(page);
    // Clicks here are for the communes: the layers drawn above them are switched off.
    await hideRecordLayers(page);
    const communes = await ops.get<{
      features: { id: string; properties: { name: string; centroid: [number, number] } }[];
    }>('/api/v1/areas?level=2');
    const centroid = (pcode: string) => {
      const c = communes.features.find((f) => f.id === pcode);
      if (!c) throw new Error(`no commune ${pcode}`);
      return c.properties.centroid;
    };
    const clickAt = async ([lon, lat]: [number, number]) => {
      await page.evaluate(`window.konbitMap.jumpTo({ center: [${lon}, ${lat}], zoom: 12 })`);
      // Opening details scrolls the page down to them; the map must be in view for the click.
      await page.evaluate('window.scrollTo(0, 0)');
      await page.waitForTimeout(500);
      const box = await page.getByTestId('map').boundingBox();
      await page.mouse.click(
        (box?.x ?? 0) + (box?.width ?? 0) / 2,
        (box?.y ?? 0) + (box?.height ?? 0) / 2,
      );
    };
    const details = page.getByTestId('details-body');

    // Kenscoff has no figure: the click reaches the boundaries layer.
    expect(await apiCommunes(ops, '2023-06-08')).not.toHaveProperty('HT0115');
    await clickAt(centroid('HT0115'));
    await expect.poll(() => details.getAttribute('data-layer')).toBe('areas');
    const [lon, lat] = centroid('HT0115');
    const located = await ops.get<{ commune: { pcode: string; name: string } }>(
      `/api/v1/areas/locate?lon=${lon}&lat=${lat}`,
    );
    expect(await details.getByTestId('details-title').textContent()).toBe(located.commune.name);
    expect(await details.getByTestId('details-pcode').textContent()).toBe(located.commune.pcode);

    // Port-au-Prince is shaded: the click opens its figure with its source.
    await clickAt(centroid('HT0111'));
    await expect.poll(() => details.getAttribute('data-layer')).toBe('figures');
    const latest = await apiCommunes(ops, '2023-06-08');
    expect(await details.getByTestId('details-figure').getAttribute('data-value')).toBe(
      String(latest['HT0111']),
    );
    expect(await details.getByTestId('source').textContent()).toMatch(/IOM DTM/);
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByText('Choose something on the map').waitFor();

    // Another figure: the list and the drawing follow the API for that metric.
    const affected = testFigure('HT0113', 2_500, 'affected');
    expect((await ops.post('/api/v1/figures', affected)).status).toBe(201);
    await page.getByTestId('figures-metric').selectOption('affected');
    await page
      .getByTestId('layer-figures')
      .getByText(/^List \(/)
      .click();
    const expected = await apiCommunes(ops, '2023-06-08', 'affected');
    expect(expected).toEqual({ HT0113: 2_500 });
    await expect.poll(() => listedCommunes(page)).toEqual(expected);
    await expect.poll(() => drawnIds(page, 'figures-communes', 'pcode')).toEqual(['HT0113']);

    // Switching the layer off hides its shading.
    await page.getByTestId('switch-figures').uncheck();
    await expect
      .poll(() => page.evaluate(`window.konbitMap.getLayoutProperty('figures-fill', 'visibility')`))
      .toBe('none');
    await page.close();
  });

  it('follows the time window, and shows a new figure without a reload', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, t.demo, 'mission-ops');
    await openMap(page);
    await page
      .getByTestId('layer-figures')
      .getByText(/^List \(/)
      .click();
    await expect.poll(() => listedCommunes(page)).toEqual(await apiCommunes(ops, '2023-06-08'));

    // Before the first DTM round the demo holds, the API has no commune figure, nor the map.
    await page.getByTestId('time-to').fill('2021-12-31');
    await page.getByTestId('figures-none').waitFor();
    expect(await apiCommunes(ops, '2021-12-31')).toEqual({});
    expect(await listedCommunes(page)).toEqual({});
    await expect.poll(() => drawnIds(page, 'figures-communes', 'pcode')).toEqual([]);
    // The day before round 3 the map shows round 2 (November 2022) ...
    await page.getByTestId('time-to').fill('2023-03-30');
    const round2 = await apiCommunes(ops, '2023-03-30');
    expect(round2['HT0111']).not.toBe(DTM_ROUND_3[0]?.value);
    await expect.poll(() => listedCommunes(page)).toEqual(round2);
    // ... and one step forward reaches 31 March: round 3.
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect
      .poll(() => page.getByTestId('time-showing').textContent())
      .toBe('Showing 25 Mar 2023 – 31 Mar 2023');
    const round3 = await apiCommunes(ops, '2023-03-31');
    expect(round3['HT0111']).toBe(DTM_ROUND_3[0]?.value);
    await expect.poll(() => listedCommunes(page)).toEqual(round3);

    // Play moves the window forward by itself.
    await page.getByTestId('time-play').click();
    await expect
      .poll(() => page.getByTestId('time-showing').textContent(), { timeout: 10_000 })
      .not.toBe('Showing 25 Mar 2023 – 31 Mar 2023');
    await page.getByTestId('time-play').click();

    // A figure for a commune that had none arrives through the live feed.
    await page.getByTestId('time-to').fill('2023-06-08');
    await expect.poll(() => listedCommunes(page)).toEqual(await apiCommunes(ops, '2023-06-08'));
    const kenscoff = testFigure('HT0115', 321);
    expect((await ops.post('/api/v1/figures', kenscoff)).status).toBe(201);
    await expect
      .poll(() => listedCommunes(page).then((rows) => rows['HT0115']), { timeout: 20_000 })
      .toBe(321);
    await page.close();
  });

  it('works with the keyboard alone: sign in, then choose a place from a list and read its details', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(t.demo.url);
    await page.getByLabel('E-mail').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const focused = () => page.evaluate('document.activeElement && document.activeElement.id');
    for (let i = 0; i < 10 && (await focused()) !== 'email'; i += 1)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('email');
    await page.keyboard.type('mission-ops@demo.konbit.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('konbit-demo');
    await page.keyboard.press('Enter');
    await page.getByTestId('who').waitFor();

    await page.getByRole('link', { name: 'Map' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('layer-places').getByText(/^List \(/);
    await summary.focus();
    await page.keyboard.press('Enter');
    const first = page.getByTestId('list-places').getByRole('button').first();
    await first.focus();
    const name = await first.textContent();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('details-heading');
    expect(await page.getByTestId('details-body').getByTestId('details-title').textContent()).toBe(
      name,
    );
    await page.close();
  });

  it('switches to Kreyòl: the navigation and the report form are in Haitian Creole', async () => {
    const page = await t.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signInAs(page, t.demo, 'reporter');
    await page.getByTestId('language').selectOption('ht');
    const nav = page.getByRole('navigation');
    await expect.poll(() => nav.textContent()).toContain('Rapòte yon ensidan');
    expect(await nav.textContent()).toContain('Tablo');
    expect(await nav.textContent()).not.toContain('Record a figure');
    // Numbers and dates follow the language (French conventions where Creole has none).
    const amount = page.getByTestId('card-idps').getByTestId('amount');
    await expect.poll(() => amount.textContent()).toMatch(/^plis pase 165\s000$/);
    await nav.getByRole('link', { name: 'Rapòte yon ensidan' }).click();
    const form = page.getByTestId('report-form');
    await form.waitFor();
    for (const label of ['Sa k te pase', 'Kilè (lè Pòtoprens)', 'Sa ou te wè (nan nenpòt lang)']) {
      expect(await form.getByLabel(label, { exact: true }).count()).toBe(1);
    }
    await form.getByRole('button', { name: 'Voye rapò a' }).click();
    expect(await form.getByTestId('error-type').textContent()).toBe('Chwazi youn nan opsyon yo.');
    expect(await form.getByTestId('error-description').textContent()).toBe('Ranpli chan sa a.');
    expect(await form.getByTestId('error-place').textContent()).toMatch(/Chwazi yon pwen/);
    await screenshot(page, 'report-kreyol');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('files a report from "use my location" through the outbox as CreateIncidentRequest', async () => {
    const context = await t.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      permissions: ['geolocation'],
      geolocation: { latitude: 18.5803, longitude: -72.3381, accuracy: 12 },
    });
    const page = await context.newPage();
    await signInAs(page, t.demo, 'reporter');
    // The demo reporter's account is in Kreyòl; these checks read the English labels.
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('link', { name: 'Report an incident' }).click();
    const form = page.getByTestId('report-form');
    await form.getByLabel('What happened', { exact: true }).selectOption('roadblock-checkpoint');
    await form.getByLabel('When (Port-au-Prince time)', { exact: true }).fill('2023-06-08T09:30');
    await form.getByTestId('use-location').click();
    await form.getByTestId('chosen-point').waitFor();
    expect(await form.getByTestId('mgrs').textContent()).toMatch(/^18Q /);
    await form
      .getByLabel('What you saw (any language)', { exact: true })
      .fill('Baraj sou wout Nasyonal 1');
    await form.getByLabel('Injured', { exact: true }).fill('2');
    const posted = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/incidents'),
    );
    await form.getByRole('button', { name: 'Send report' }).click();
    const request = await posted;
    const body = request.postDataJSON();
    expect(request.headers()['idempotency-key']).toBe(body.id);
    expect(body).toEqual({
      id: body.id,
      type: 'roadblock-checkpoint',
      occurredAt: '2023-06-08T13:30:00.000Z',
      occurredPrecision: 'exact',
      locationPrecision: 'exact',
      location: { lon: -72.3381, lat: 18.5803 },
      description: 'Baraj sou wout Nasyonal 1',
      casualties: { killed: 0, injured: 2, abducted: 0 },
      source: { kind: 'partner' },
    });
    // Received only on the server's 201 (the incidents API); anything else is not received.
    const response = await request.response();
    const state = page.getByTestId('outbox-state');
    await expect
      .poll(() => state.getAttribute('data-state'))
      .toBe(
        response?.status() === 201
          ? 'received'
          : response && response.status() < 500
            ? 'rejected'
            : 'waiting',
      );
    await screenshot(page, 'report-filed');
    await context.close();
  });

  it('picks the place by commune and neighbourhood, or by a tap on the map', async () => {
    const page = await t.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signInAs(page, t.demo, 'reporter');
    // The demo reporter's account is in Kreyòl; these checks read the English labels.
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('link', { name: 'Report an incident' }).click();
    const form = page.getByTestId('report-form');
    await form.getByLabel('What happened', { exact: true }).selectOption('looting');
    await form.getByLabel('What you saw (any language)', { exact: true }).fill('Magazen piye');
    await form.getByLabel('Commune or neighbourhood').check();
    await form.getByLabel('Department', { exact: true }).selectOption({ label: 'Ouest' });
    await form.getByLabel('Commune', { exact: true }).selectOption({ label: 'Port-au-Prince' });
    await form
      .getByLabel('Neighbourhood or place (optional)')
      .selectOption({ label: 'Bel Air (Bèlè)' });
    let posted = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/incidents'),
    );
    await form.getByRole('button', { name: 'Send report' }).click();
    let body = (await posted).postDataJSON();
    expect(body).toMatchObject({
      locationPrecision: 'neighbourhood',
      location: { lon: -72.333, lat: 18.55 },
      pcode: 'HT0111',
    });

    await page.getByRole('button', { name: 'Report another incident' }).click();
    await form.getByLabel('What happened', { exact: true }).selectOption('protest');
    await form.getByLabel('What you saw (any language)', { exact: true }).fill('Manifestasyon');
    await form.getByLabel('Tap on the map').check();
    const picker = form.locator('[data-testid="point-picker"][data-ready="true"]');
    await picker.waitFor({ timeout: 60_000 });
    const box = await picker.boundingBox();
    await page.mouse.click(
      (box?.x ?? 0) + (box?.width ?? 0) / 2,
      (box?.y ?? 0) + (box?.height ?? 0) / 2,
    );
    await form.getByTestId('chosen-point').waitFor();
    posted = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/incidents'),
    );
    await form.getByRole('button', { name: 'Send report' }).click();
    body = (await posted).postDataJSON();
    expect(body.locationPrecision).toBe('exact');
    expect(body.location.lon).toBeCloseTo(-72.31, 1);
    expect(body.location.lat).toBeCloseTo(18.56, 1);
    await page.close();
  });
});
