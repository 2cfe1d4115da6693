/**
 * The first screen on a bad connection: sign-in, then the dashboard, with the network throttled
 * through the Chrome DevTools Protocol to 400 kbit/s and 400 ms latency, from an empty cache.
 * The test checks that the screens work under throttling and records how long they took and
 * what they loaded (test-artifacts/performance.json); the figure goes to docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserSkipReason, DEMO_PASSWORD, useBrowserDemo } from './support';

const unavailable = browserSkipReason();

const KBIT = 400;
const LATENCY_MS = 400;

describe.skipIf(unavailable !== null)('the first screen on a slow connection', () => {
  const t = useBrowserDemo();

  it('signs in and shows the dashboard at 400 kbit/s with 400 ms latency, and records the time', async () => {
    const context = await t.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: (KBIT * 1000) / 8,
      uploadThroughput: (KBIT * 1000) / 8,
    });
    const loaded: { url: string; bytes: number }[] = [];
    const urls = new Map<string, string>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) =>
      loaded.push({ url: urls.get(e.requestId) ?? '', bytes: e.encodedDataLength }),
    );

    const start = Date.now();
    await page.goto(t.demo.url, { waitUntil: 'commit' });
    const email = page.getByLabel('E-mail');
    await email.waitFor({ timeout: 30_000 });
    const signInMs = Date.now() - start;
    const signInBytes = loaded.reduce((n, r) => n + r.bytes, 0);

    await email.fill('mission-ops@demo.konbit.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    const submitted = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const amount = page.getByTestId('card-idps').getByTestId('amount');
    await amount.waitFor({ timeout: 30_000 });
    const dashboardMs = Date.now() - submitted;
    expect(await amount.textContent()).toBe('more than 165,000');
    const totalBytes = loaded.reduce((n, r) => n + r.bytes, 0);

    const result = {
      network: { kbitPerSecond: KBIT, latencyMs: LATENCY_MS },
      signInFormMs: signInMs,
      dashboardAfterSubmitMs: dashboardMs,
      firstScreenMs: signInMs + dashboardMs,
      signInBytes,
      firstScreenBytes: totalBytes,
      requests: loaded.map((r) => ({ url: r.url.replace(t.demo.url, ''), bytes: r.bytes })),
    };
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'performance.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `first screen at ${KBIT} kbit/s, ${LATENCY_MS} ms: sign-in form ${signInMs} ms (${signInBytes} B), dashboard ${dashboardMs} ms after submit; ${totalBytes} B in all`,
    );
    // The map engine is not part of the first screen.
    expect(result.requests.some((r) => /maplibre/.test(r.url))).toBe(false);
    await context.close();
  });
});
