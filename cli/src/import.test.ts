/** `konbit import`, run as an operator would, against a real store file. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KONBIT, konbit } from './test-support/run.js';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const DTM_HXL = repo('data/dtm/iom-dtm-hti-admin0-2.hxl.csv');
const DTM_JSON = repo('server/src/interop/dtm/fixtures/iom-dtm-api-hti-admin0.json');
const SEEDED = repo('server/src/interop/hxl/fixtures/displacement-seeded-errors.csv');

describe('konbit import', () => {
  let dir: string;
  let db: string;
  const figures = () => {
    const sqlite = new Database(db, { readonly: true });
    try {
      return (sqlite.prepare('select count(*) n from figures').get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'konbit-import-'));
    db = join(dir, 'konbit.db');
    expect(konbit(['db', 'migrate', '--db', db]).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the DTM HXL file, saying what it added and what is dated after today', () => {
    const r = konbit(['import', 'hxl', DTM_HXL, '--kind', 'displacement', '--db', db], {
      env: { KONBIT_NOW: '2023-06-08T12:00:00-04:00' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1733 rows, utf-8, hashtags on row 2/);
    expect(r.stdout).toMatch(/added: 1402 figures/);
    expect(r.stdout).toMatch(/dated after today \(stored, not yet latest\): 745/);
    expect(figures()).toBe(1402);
  });

  it('adds nothing the second time', () => {
    const r = konbit(['import', 'hxl', DTM_HXL, '--kind', 'displacement', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/added: nothing new/);
    expect(r.stdout).toMatch(/already there: 1402/);
    expect(figures()).toBe(1402);
  });

  it('adds nothing from the DTM API JSON of the same data', () => {
    const r = konbit(['import', 'dtm', DTM_JSON, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/already there: 57/);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('shows progress bars on a terminal', () => {
    // `script` gives the command a pseudo-terminal, as an operator's shell would.
    const other = join(dir, 'tty.db');
    expect(konbit(['db', 'migrate', '--db', other]).code).toBe(0);
    const r = spawnSync(
      '/usr/bin/script',
      [
        '-qec',
        `${process.execPath} ${KONBIT} import hxl ${DTM_HXL} --kind displacement --db ${other}`,
        '/dev/null',
      ],
      { encoding: 'utf8', env: { ...process.env, KONBIT_LOG_LEVEL: 'warn' }, timeout: 60_000 },
    );
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/reading \[#+\] 100% \(262006\/262006\)/);
    expect(r.stdout).toMatch(/writing \[#+\] 100% \(1402\/1402\)/);
  });

  it('lists every error with its row and column, exits 1 and imports nothing', () => {
    const r = konbit(['import', 'hxl', SEEDED, '--kind', 'displacement', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has 9 errors; nothing was imported/);
    expect(r.stderr).toMatch(/^ {2}row 4, #adm2\+code: HT0199 is not a P-code/m);
    expect(r.stderr).toMatch(/^ {2}row 2, H: "country" is not an HXL hashtag/m);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(figures()).toBe(1402);
  });

  it('explains a bad kind, a missing file and a file that is not JSON', () => {
    expect(konbit(['import', 'hxl', DTM_HXL, '--kind', 'people', '--db', db])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /--kind must be one of displacement, idp-sites, activities, access/,
      ),
    });
    expect(
      konbit(['import', 'hxl', join(dir, 'nope.csv'), '--kind', 'access', '--db', db]),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/cannot read .*nope\.csv/),
    });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(konbit(['import', 'dtm', bad, '--db', db])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/bad\.json is not JSON/),
    });
  });
});
