import { existsSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { konbit, startServing, stop } from './test-support/run.js';

describe('the konbit command', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'konbit-cli-'));
    db = join(dir, 'konbit.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates a new store', () => {
    const first = konbit(['db', 'migrate', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied .*foundation/);
    expect(konbit(['db', 'migrate', '--db', db]).stdout).toMatch(/up to date/);
  });

  it('adds an organisation and a user, printing a generated password once', () => {
    const org = konbit(['orgs', 'add', '--db', db, '--name', 'OCHA Haiti', '--kind', 'un-agency']);
    expect(org.code).toBe(0);
    const user = konbit([
      'users',
      'add',
      '--db',
      db,
      '--email',
      'im@ocha.example',
      '--name',
      'IM officer',
      '--org',
      'OCHA Haiti',
      '--role',
      'humanitarian-im',
    ]);
    expect(user.code).toBe(0);
    expect(user.stdout).toMatch(/Password \(shown once\): \S{12,}/);
    const piped = konbit(
      [
        'users',
        'add',
        '--db',
        db,
        '--email',
        'field@ocha.example',
        '--name',
        'Field',
        '--org',
        'OCHA Haiti',
        '--role',
        'reporter',
        '--password-stdin',
      ],
      { input: 'a long enough passphrase\n' },
    );
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toMatch(/Password/);
  });

  it('explains a bad role or unknown organisation without a stack trace', () => {
    const bad = konbit([
      'users',
      'add',
      '--db',
      db,
      '--email',
      'x@y.example',
      '--name',
      'X',
      '--org',
      'OCHA Haiti',
      '--role',
      'general',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--role/);
    const unknown = konbit([
      'users',
      'add',
      '--db',
      db,
      '--email',
      'x@y.example',
      '--name',
      'X',
      '--org',
      'Nobody',
      '--role',
      'viewer',
    ]);
    expect(unknown.stderr).toMatch(/no organisation is named "Nobody"/);
    expect(unknown.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('creates and revokes tokens, and disables users', () => {
    const created = konbit([
      'tokens',
      'create',
      '--db',
      db,
      '--email',
      'im@ocha.example',
      '--name',
      'sitrep script',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^kbt_/m);
    const id = /Token (\S+) for/.exec(created.stdout)?.[1] ?? '';
    expect(konbit(['tokens', 'revoke', '--db', db, '--id', id]).stdout).toMatch(/revoked/);
    expect(
      konbit(['users', 'disable', '--db', db, '--email', 'field@ocha.example']).stdout,
    ).toMatch(/disabled/);
    expect(konbit(['users', 'list', '--db', db]).stdout).toMatch(
      /field@ocha\.example\s+reporter\s+DISABLED/,
    );
  });

  it('verifies the change log, and names the seq of a row edited by hand', () => {
    const ok = konbit(['audit', 'verify', '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Change log intact: \d+ entries/);

    const sqlite = new Database(db);
    sqlite
      .prepare(
        `update change_log set payload = replace(payload, 'IM officer', 'Someone else') where seq = 2`,
      )
      .run();
    expect(sqlite.prepare('select payload from change_log where seq = 2').get()).toMatchObject({
      payload: expect.stringContaining('Someone else'),
    });
    sqlite.close();

    const broken = konbit(['audit', 'verify', '--db', db]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/Change log broken at seq 2\b/);
  });

  it('backs up a store while it is being served', async () => {
    const live = join(dir, 'live.db');
    const served = await startServing(['serve', '--db', live, '--port', '0']);
    try {
      const copy = join(dir, 'copy.db');
      const backup = konbit(['backup', copy, '--db', live]);
      expect(backup.code).toBe(0);
      expect(existsSync(copy)).toBe(true);
      expect(konbit(['audit', 'verify', '--db', copy]).code).toBe(0);
      expect(konbit(['backup', copy, '--db', live]).code).toBe(2);
    } finally {
      expect(await stop(served)).toBe(0);
    }
  });

  it('serves the web app, the API and its docs', async () => {
    const served = await startServing(['serve', '--db', join(dir, 'web.db'), '--port', '0']);
    try {
      expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
      const page = await fetch(`${served.url}/`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/<div id="root">/);
      expect((await fetch(`${served.url}/docs/`)).status).toBe(200);
    } finally {
      await stop(served);
    }
  });

  it('refuses to run the demo on a non-loopback address unless told to', () => {
    const r = konbit(['demo', '--db', join(dir, 'demo.db'), '--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--allow-remote/);
  });

  it('refuses to replace a store that is not a demo store', () => {
    const r = konbit(['demo', '--db', db, '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a demo store/);
    expect(existsSync(db)).toBe(true);
  });

  it('names a bad environment variable and stops', () => {
    const r = konbit(['serve', '--db', join(dir, 'x.db')], { env: { KONBIT_PORT: 'eighty' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/KONBIT_PORT/);
  });
});
