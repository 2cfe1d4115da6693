/**
 * Browser tests: Debian's Chromium driven by playwright-core, against the real `konbit demo`
 * started as a child process. Outside CI a missing Chromium skips these tests with a message;
 * under CI=true it fails them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env['KONBIT_CHROMIUM'] ?? '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(REPO, 'test-artifacts');

/** Why browser tests cannot run here, or null when they can. Under CI a reason is a failure. */
export function browserUnavailable(): string | null {
  if (!existsSync(CHROMIUM))
    return `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  if (!existsSync(join(REPO, 'web', 'dist', 'index.html')))
    return 'the web app is not built (npm run build)';
  return null;
}

export const IN_CI = process.env['CI'] === 'true';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
    ],
  });
}

export interface Demo {
  readonly url: string;
  readonly process: ChildProcess;
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * Starts `konbit demo` on a free port with a fresh store, with `env` added to its settings;
 * resolves once it serves.
 */
export async function startDemo(env: Record<string, string> = {}): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'konbit-e2e-'));
  const child = spawn(
    process.execPath,
    [join(REPO, 'cli', 'bin', 'konbit.js'), 'demo', '--db', join(dir, 'demo.db'), '--port', '0'],
    {
      env: { ...process.env, KONBIT_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`konbit demo did not start:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /web app and API: (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`konbit demo exited with ${code}:\n${output}`)));
  });
  return {
    url,
    process: child,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const DEMO_PASSWORD = 'konbit-demo';

/** Signs in through the web app at `demo.url` (the demo, or a proxy in front of it). */
export async function signInAs(page: Page, demo: Pick<Demo, 'url'>, role: string): Promise<void> {
  await page.goto(demo.url);
  await page.getByLabel(/e-mail|courriel|imèl/i).fill(`${role}@demo.konbit.example`);
  await page.getByLabel(/password|mot de passe|modpas/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /sign in|se connecter|konekte/i }).click();
  await page.getByTestId('who').waitFor();
}

/** Signs in through the API and returns a bearer token, for setting up data beside the browser. */
export async function apiToken(demo: Demo, role: string): Promise<string> {
  const res = await fetch(`${demo.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${role}@demo.konbit.example`, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${role}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export type { Browser, BrowserContext, Page };

/**
 * Options for a page or context whose requests a test routes: Playwright's routes miss the
 * requests a service worker lets through to the network (microsoft/playwright#7588), so none runs.
 */
export const ROUTED = { serviceWorkers: 'block' } as const;

/**
 * Why this file's browser tests are skipped here, or null when they run. Under CI a reason is
 * an error instead; elsewhere it is printed once.
 */
export function browserSkipReason(): string | null {
  const reason = browserUnavailable();
  if (reason && IN_CI) throw new Error(`Browser tests cannot run under CI: ${reason}`);
  if (reason) console.warn(`Skipping browser tests: ${reason}`);
  return reason;
}

export interface BrowserDemo {
  readonly demo: Demo;
  readonly browser: Browser;
}

/**
 * A fresh `konbit demo` (with `env` added to its settings) and a browser for the enclosing
 * describe block, stopped after it.
 */
export function useBrowserDemo(env: Record<string, string> = {}): BrowserDemo {
  const state = {} as { demo: Demo; browser: Browser };
  beforeAll(async () => {
    state.demo = await startDemo(env);
    state.browser = await launch();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.demo?.stop();
  });
  return state;
}
