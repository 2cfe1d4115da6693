/**
 * A `201` means committed: kill the server with SIGKILL while 8 writers create records with
 * idempotency keys, restart it, retry what was not acknowledged, and find every record once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { konbit, startServing, stop, type Served } from './test-support/run.js';

interface Attempt {
  readonly key: string;
  readonly body: object;
  acked: boolean;
  id: string | null;
}

const WRITERS = 8;

async function post(url: string, token: string, attempt: Attempt): Promise<Response> {
  return fetch(`${url}/api/v1/figures`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': attempt.key,
    },
    body: JSON.stringify(attempt.body),
  });
}

describe('durability under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'konbit-crash-'));
  const db = join(dir, 'konbit.db');
  let served: Served | null = null;
  afterAll(async () => {
    if (served) await stop(served, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged record exactly once, and retries fill the rest', async () => {
    expect(
      konbit(['orgs', 'add', '--db', db, '--name', 'OCHA Haiti', '--kind', 'un-agency']).code,
    ).toBe(0);
    expect(
      konbit(
        [
          'users',
          'add',
          '--db',
          db,
          '--email',
          'im@ocha.example',
          '--name',
          'IM',
          '--org',
          'OCHA Haiti',
          '--role',
          'humanitarian-im',
          '--password-stdin',
        ],
        {
          input: 'a long enough passphrase',
        },
      ).code,
    ).toBe(0);
    const token =
      /^kbt_\S+$/m.exec(
        konbit([
          'tokens',
          'create',
          '--db',
          db,
          '--email',
          'im@ocha.example',
          '--name',
          'crash test',
        ]).stdout,
      )?.[0] ?? '';
    expect(token).not.toBe('');

    served = await startServing(['serve', '--db', db, '--port', '0']);
    const first = served;
    const attempts: Attempt[] = [];
    let acked = 0;
    let killed = false;

    const writer = async (w: number) => {
      for (let i = 0; !killed; i += 1) {
        const key = `writer-${w}-${i}`;
        const attempt: Attempt = {
          key,
          body: {
            metric: 'people-reached',
            value: i,
            pcode: 'HT0111',
            asOf: '2023-06-08',
            source: { organisation: 'Crash test', title: 'writer' },
            context: key,
          },
          acked: false,
          id: null,
        };
        attempts.push(attempt);
        try {
          const res = await post(first.url, token, attempt);
          if (res.status === 201) {
            attempt.id = ((await res.json()) as { id: string }).id;
            attempt.acked = true;
            acked += 1;
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    while (acked < 200) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.all(writers);
    await new Promise((r) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? r(null)
        : first.child.once('exit', r),
    );

    const unacked = attempts.filter((a) => !a.acked);
    expect(attempts.filter((a) => a.acked).length).toBeGreaterThanOrEqual(200);

    served = await startServing(['serve', '--db', db, '--port', '0']);
    // Retry what was never acknowledged, and some of what was: both must settle to one record.
    for (const a of [...unacked, ...attempts.filter((x) => x.acked).slice(0, 20)]) {
      const res = await post(served.url, token, a);
      expect(res.status).toBe(201);
      const id = ((await res.json()) as { id: string }).id;
      if (a.acked) expect(id).toBe(a.id);
      a.id = id;
      a.acked = true;
    }

    const list = (await (
      await fetch(`${served.url}/api/v1/figures?metric=people-reached`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as {
      figures: { id: string; context: string }[];
    };
    const byKey = new Map<string, number>();
    for (const f of list.figures) byKey.set(f.context, (byKey.get(f.context) ?? 0) + 1);
    for (const a of attempts) {
      expect(byKey.get(a.key), a.key).toBe(1);
      expect(list.figures.find((f) => f.context === a.key)?.id).toBe(a.id);
    }
    expect(list.figures).toHaveLength(attempts.length);

    await stop(served);
    served = null;
    expect(konbit(['audit', 'verify', '--db', db]).code).toBe(0);
  });
});
