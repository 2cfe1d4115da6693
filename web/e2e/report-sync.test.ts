/**
 * The incident report form's sync, end to end in two browsers: a field reporter files a report
 * with no network, it waits in the outbox, is sent with its Idempotency-Key when the network
 * returns, becomes `received` only once the server's 201 has arrived, and the open map of an
 * OCHA information manager shows it exactly once without a reload, even when the first answer is
 * lost.
 *
 * The reporter is the demo's field reporter (an NGO's field office): their reports are in the
 * humanitarian compartment, so the other user is a UN agency's analyst, who may read them.
 */
import type { Route } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, type ApiUser } from './api';
import { drawnKeys, openMap } from './map.support';
import { startHoldingProxy } from './proxy';
import {
  browserSkipReason,
  ROUTED,
  screenshot,
  signInAs,
  useBrowserDemo,
  type BrowserContext,
  type Page,
} from './support';

const unavailable = browserSkipReason();

/** A point in Port-au-Prince where the reporter stands (and the watcher's map looks). */
const SPOT = { lon: -72.3182, lat: 18.5431 };

async function states(page: Page): Promise<string[]> {
  return page
    .getByTestId('outbox-state')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-state') ?? ''));
}

describe.skipIf(unavailable !== null)('the report form syncs through the outbox', () => {
  const t = useBrowserDemo();
  let im: ApiUser;
  let now: string;

  beforeAll(async () => {
    im = await asUser(t.demo, 'humanitarian-im');
    now = (await im.get<{ now: string }>('/healthz')).now;
  });

  /**
   * A field reporter's phone, signed in at `url`. `offline`: the network will go, so the service
   * worker must hold the shell first. Otherwise the context is `ROUTED`, so the page's routes see
   * every POST.
   */
  async function reporter({
    offline,
    url,
  }: {
    offline: boolean;
    url: string;
  }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await t.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      permissions: ['geolocation'],
      geolocation: { latitude: SPOT.lat, longitude: SPOT.lon, accuracy: 10 },
      ...(offline ? {} : ROUTED),
    });
    const page = await context.newPage();
    await signInAs(page, { url }, 'reporter');
    await page.getByTestId('language').selectOption('en');
    if (offline) await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    return { context, page };
  }

  /** OCHA's map looking at the spot, close enough to draw points, with the feed live. */
  async function watcher(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await t.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, t.demo, 'humanitarian-im');
    // OCHA's demo account reads French; the checks read the English labels.
    await page.getByTestId('language').selectOption('en');
    await openMap(page);
    await page.evaluate(
      `window.konbitMap.jumpTo({ center: [${SPOT.lon}, ${SPOT.lat}], zoom: 15 })`,
    );
    await expect.poll(() => page.getByTestId('feed-status').textContent()).toBe('Live');
    await page
      .getByTestId('layer-incidents')
      .getByText(/^List \(/)
      .click();
    return { context, page };
  }

  async function fileReport(page: Page, description: string) {
    await page.getByRole('link', { name: 'Report an incident' }).click();
    const form = page.getByTestId('report-form');
    await form.getByLabel('What happened', { exact: true }).selectOption('roadblock-checkpoint');
    // An hour before the server's now, in Port-au-Prince wall-clock time (UTC-4 in June).
    const local = new Date(Date.parse(now) - 5 * 3_600_000).toISOString().slice(0, 16);
    await form.getByLabel('When (Port-au-Prince time)', { exact: true }).fill(local);
    await form.getByTestId('use-location').click();
    await form.getByTestId('chosen-point').waitFor();
    await form.getByLabel('What you saw (any language)', { exact: true }).fill(description);
    await form.getByRole('button', { name: 'Send report' }).click();
  }

  /** How many times the watcher's map draws and lists `id`. */
  async function shown(page: Page, id: string): Promise<{ drawn: number; listed: number }> {
    const drawn = (await drawnKeys(page, 'incidents-points')).filter((k) => k === id).length;
    const listed = await page.locator(`[data-testid="list-incidents"] li[data-id="${id}"]`).count();
    return { drawn, listed };
  }

  const readable = async (id: string) => {
    try {
      await im.get(`/api/v1/incidents/${id}`);
      return true;
    } catch {
      return false;
    }
  };

  it('keeps a report filed offline waiting, marks it received only after the 201, and the other user’s map shows it once without a reload', async () => {
    const hq = await watcher();
    // The phone's service worker hides its POSTs from Playwright's routes, so the phone talks to
    // the demo through a proxy that records each report it carries and holds the answer until the
    // test has seen the state before it.
    const wire = await startHoldingProxy(
      t.demo.url,
      (method, path) => method === 'POST' && path === '/api/v1/incidents',
    );
    const field = await reporter({ offline: true, url: wire.url });

    await field.context.setOffline(true);
    await fileReport(field.page, 'Illustrative: a roadblock reported with no network');
    await expect.poll(() => states(field.page)).toEqual(['waiting']);
    const id = await field.page.getByTestId('outbox-item').getAttribute('data-id');
    if (!id) throw new Error('the outbox item has an id');
    expect(wire.exchanges).toEqual([]);
    expect(await readable(id)).toBe(false);
    await screenshot(field.page, 'report-offline-waiting');

    await field.context.setOffline(false);
    // The server has answered 201, but the answer has not reached the phone: not received.
    await expect
      .poll(() => wire.exchanges.map((e) => e.status), { timeout: 30_000 })
      .toEqual([201]);
    expect(await readable(id)).toBe(true);
    expect(await states(field.page)).not.toContain('received');
    wire.release();
    await expect.poll(() => states(field.page), { timeout: 30_000 }).toEqual(['received']);
    for (const e of wire.exchanges) {
      expect({
        key: e.idempotencyKey,
        id: (e.body as { id?: unknown }).id,
        status: e.status,
      }).toEqual({ key: id, id, status: 201 });
    }

    await expect
      .poll(() => shown(hq.page, id), { timeout: 20_000 })
      .toEqual({ drawn: 1, listed: 1 });
    await screenshot(hq.page, 'report-sync-watcher');
    await field.context.close();
    await hq.context.close();
    await wire.close();
  });

  it('sends a report again with the same Idempotency-Key when the first answer is lost, and the map shows it once', async () => {
    const hq = await watcher();
    const field = await reporter({ offline: false, url: t.demo.url });
    const keys: string[] = [];
    let attempts = 0;
    // The first try reaches the server, which stores it, but its answer never arrives.
    await field.page.route('**/api/v1/incidents', async (route: Route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fallback();
      attempts += 1;
      keys.push(request.headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      if (attempts === 1) {
        expect(response.status()).toBe(201);
        return route.abort('connectionreset');
      }
      return route.fulfill({ response });
    });
    await fileReport(field.page, 'Illustrative: a roadblock whose first answer was lost');
    // Waiting before the first try, and waiting again once its answer is lost.
    await expect.poll(() => attempts, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => states(field.page)).toEqual(['waiting']);
    const id = await field.page.getByTestId('outbox-item').getAttribute('data-id');
    if (!id) throw new Error('the outbox item has an id');
    expect(await readable(id)).toBe(true);
    // Already on the map from the first try; the retry must not add it again.
    await expect
      .poll(() => shown(hq.page, id), { timeout: 20_000 })
      .toEqual({ drawn: 1, listed: 1 });

    await field.page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => states(field.page), { timeout: 20_000 }).toEqual(['received']);
    expect(attempts).toBe(2);
    expect(new Set(keys)).toEqual(new Set([id]));
    // The server's list for the spot has it once, and so has the map after the feed settles.
    const listed = await im.get<{ features: { id: string }[] }>(
      `/api/v1/incidents?bbox=${SPOT.lon - 0.01},${SPOT.lat - 0.01},${SPOT.lon + 0.01},${SPOT.lat + 0.01}`,
    );
    expect(listed.features.filter((f) => f.id === id)).toHaveLength(1);
    await hq.page.waitForTimeout(1000);
    expect(await shown(hq.page, id)).toEqual({ drawn: 1, listed: 1 });
    await field.context.close();
    await hq.context.close();
  });
});
