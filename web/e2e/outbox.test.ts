/**
 * The offline outbox end to end, against the real idempotent create that exists today
 * (`POST /api/v1/figures`): filed offline, kept in IndexedDB with its own id through a reload,
 * sent with an Idempotency-Key when the network returns, `received` only after the 201, and
 * seen exactly once by another user without a reload, even when an answer is lost on the way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { asUser, type ApiUser, type ListedFigure } from './api';
import {
  browserSkipReason,
  ROUTED,
  screenshot,
  signInAs,
  useBrowserDemo,
  type Page,
} from './support';

const unavailable = browserSkipReason();

async function fillFigure(page: Page, value: string, organisation: string) {
  await page.goto(`${new URL(page.url()).origin}/figures/new`);
  const form = page.getByTestId('figure-form');
  await form.waitFor();
  await form.getByLabel('Number', { exact: true }).fill(value);
  await form.getByLabel('Department', { exact: true }).selectOption({ label: 'Ouest' });
  await form.getByLabel('Commune', { exact: true }).selectOption({ label: 'Tabarre' });
  await form.getByLabel('As of (date the number describes)', { exact: true }).fill('2023-06-07');
  await form.getByLabel('Source organisation', { exact: true }).fill(organisation);
  await form.getByLabel('Document title', { exact: true }).fill('Illustrative outbox test record');
}

async function states(page: Page): Promise<string[]> {
  return page
    .getByTestId('outbox-state')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-state') ?? ''));
}

describe.skipIf(unavailable !== null)('the outbox', () => {
  const t = useBrowserDemo();
  let ops: ApiUser;

  beforeAll(async () => {
    ops = await asUser(t.demo, 'mission-ops');
  });

  async function figuresBy(organisation: string): Promise<ListedFigure[]> {
    const { figures } = await ops.get<{ figures: ListedFigure[] }>('/api/v1/figures?metric=idps');
    return figures.filter((f) => f.source.organisation === organisation);
  }

  it('keeps a figure filed offline, sends it once online, and another user sees it once without a reload', async () => {
    const field = await t.browser.newContext();
    const hq = await t.browser.newContext();
    const im = await field.newPage();
    const watcher = await hq.newPage();
    await signInAs(im, t.demo, 'humanitarian-im');
    await signInAs(watcher, t.demo, 'mission-ops');
    // The watcher's map lists communes by displaced people; the new figure must appear there.
    await watcher.getByRole('link', { name: 'Map' }).click();
    await watcher
      .getByTestId('layer-figures')
      .getByText(/List \(\d+\)/)
      .click();
    await expect.poll(() => watcher.getByTestId('feed-status').textContent()).toBe('Live');
    // The service worker must hold the shell before the network goes.
    await im.evaluate('navigator.serviceWorker.ready.then(() => true)');

    const sent: { key: string | null; id: unknown }[] = [];
    im.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/figures')) {
        sent.push({ key: r.headers()['idempotency-key'] ?? null, id: r.postDataJSON()?.id });
      }
    });

    await field.setOffline(true);
    await fillFigure(im, '4321', 'Outbox offline test');
    await im.getByRole('button', { name: 'Save and send' }).click();
    await expect.poll(() => states(im)).toEqual(['waiting']);
    await expect
      .poll(() => im.getByTestId('outbox-waiting').textContent())
      .toBe('1 waiting to send');
    expect(await figuresBy('Outbox offline test')).toEqual([]);

    // Still there after a reload with no network: the shell comes from the service worker.
    await im.reload();
    await im.getByTestId('who').waitFor();
    await im.getByRole('link', { name: 'Outbox' }).click();
    await expect.poll(() => states(im)).toEqual(['waiting']);
    const itemId = await im.getByTestId('outbox-item').getAttribute('data-id');
    expect(await figuresBy('Outbox offline test')).toEqual([]);
    await screenshot(im, 'outbox-offline');

    await field.setOffline(false);
    await expect.poll(() => states(im), { timeout: 30_000 }).toEqual(['received']);
    const created = await figuresBy('Outbox offline test');
    expect(created.map((f) => f.id)).toEqual([itemId]);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const s of sent) expect(s).toEqual({ key: itemId, id: itemId });

    const row = watcher.locator('[data-testid="list-figures"] tr[data-pcode="HT0118"]');
    // Tabarre already has a DTM figure; the newer one replaces it in the list, once.
    await expect.poll(() => row.getAttribute('data-value'), { timeout: 20_000 }).toBe('4321');
    expect(await row.count()).toBe(1);
    await field.close();
    await hq.close();
  });

  it('never marks an item received before a 201, and sends it again with the same key when an answer is lost', async () => {
    const context = await t.browser.newContext(ROUTED);
    const page = await context.newPage();
    await signInAs(page, t.demo, 'humanitarian-im');
    let attempts = 0;
    const keys: string[] = [];
    // The first try reaches the server, which commits it, but its answer never arrives.
    await page.route('**/api/v1/figures', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      attempts += 1;
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      if (attempts === 1) {
        expect(response.status()).toBe(201);
        return route.abort('connectionreset');
      }
      return route.fulfill({ response });
    });
    await fillFigure(page, '777', 'Outbox lost answer test');
    await page.getByRole('button', { name: 'Save and send' }).click();
    // Waiting before the first try too: wait for the try whose answer is lost.
    await expect.poll(() => attempts, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => states(page)).toEqual(['waiting']);
    expect(await figuresBy('Outbox lost answer test')).toHaveLength(1);

    await page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => states(page), { timeout: 20_000 }).toEqual(['received']);
    expect(attempts).toBe(2);
    expect(new Set(keys).size).toBe(1);
    expect(await figuresBy('Outbox lost answer test')).toHaveLength(1);
    await context.close();
  });

  it('shows a create the server refuses as rejected, with its message, and never as received', async () => {
    const context = await t.browser.newContext(ROUTED);
    const page = await context.newPage();
    await signInAs(page, t.demo, 'humanitarian-im');
    // Valid for the form, refused by the server: the mission compartment is not the NGO's.
    await page.route('**/api/v1/figures', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const body = { ...route.request().postDataJSON(), classification: 'mission' };
      return route.fulfill({ response: await route.fetch({ postData: JSON.stringify(body) }) });
    });
    await fillFigure(page, '5', 'Outbox refused test');
    await page.getByRole('button', { name: 'Save and send' }).click();
    await expect.poll(() => states(page)).toEqual(['rejected']);
    expect(await page.getByTestId('outbox-error').textContent()).toMatch(/may not classify/);
    expect(await figuresBy('Outbox refused test')).toEqual([]);

    // The outbox lists it with the server's reason, and it can be discarded after a confirmation.
    await page.getByRole('link', { name: '1 refused by the server' }).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.getByText('Nothing in the outbox.').waitFor();
    expect(await page.getByTestId('outbox-rejected').count()).toBe(0);
    await context.close();
  });
});
