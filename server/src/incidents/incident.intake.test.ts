/**
 * The intake of batched reports on a real SQLite store: acknowledged before they are filed,
 * filed once (also across a restart), filed at once for a read by id, a bound on what waits,
 * and a failure to file reported and retried without losing anything.
 */
import { BatchIncidentItem, newId, type CreateIncidentInput } from '@konbit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserActor } from '../policy/actor.js';
import {
  seedPeople,
  testContext,
  type TestContext,
  type TestUser,
} from '../test-support/context.js';
import { BEL_AIR, report } from '../test-support/incidents.js';
import { IncidentIntake, type BatchEntry, type IntakeLog } from './incident.intake.js';
import { incidentDeps } from './incident.service.js';

function actorOf(user: TestUser, name: string): UserActor {
  return {
    kind: 'user',
    userId: user.id as UserActor['userId'],
    email: user.email,
    name,
    orgId: user.orgId as UserActor['orgId'],
    orgKind: user.kind,
    role: user.role,
    credential: { type: 'token', id: 'test' },
  };
}

const entries = (items: CreateIncidentInput[]): BatchEntry[] =>
  items.map((item, index) => ({
    index,
    item: BatchIncidentItem.parse({ ...item, id: item.id ?? newId() }),
  }));

describe('the intake of batched reports', () => {
  let ctx: TestContext;
  let contingent: UserActor;
  let ops: UserActor;
  const open: IncidentIntake[] = [];

  const count = (table: string) =>
    (ctx.store.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
  async function intake(options: { maxReports?: number; quietMs?: number; log?: IntakeLog } = {}) {
    const made = new IncidentIntake(ctx.store, incidentDeps(ctx), {
      maxReports: options.maxReports ?? 1000,
      // Long enough that nothing is filed on its own unless a test asks.
      quietMs: options.quietMs ?? 60_000,
      ...(options.log ? { log: options.log } : {}),
    });
    open.push(made);
    await made.open();
    return made;
  }

  beforeEach(async () => {
    ctx = await testContext();
    const people = await seedPeople(ctx, ['contingent', 'missionOps']);
    contingent = actorOf(people.contingent, 'Contingent');
    ops = actorOf(people.missionOps, 'Ops');
  });
  afterEach(async () => {
    for (const made of open.splice(0)) await made.stop();
    await ctx.cleanup();
  });

  it('answers a batch once it is stored, and files it later in one go', async () => {
    const intakeNow = await intake();
    const before = { incidents: count('incidents'), log: count('change_log') };
    const outcomes = await intakeNow.accept(
      contingent,
      entries([
        report({ occurredAt: '2023-06-02T10:00:00Z' }),
        report({ location: { lon: 72, lat: 18 } }),
        report({ occurredAt: '2023-06-02T11:00:00Z', location: BEL_AIR }),
      ]),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['created', 'rejected', 'created']);
    expect(outcomes[1]?.error?.field).toBe('location');
    // Stored in the intake, not yet filed.
    expect(intakeNow.status()).toMatchObject({ waiting: 2, fault: null });
    // Received by the server's clock (the mission's, in a demo), like every other time it keeps.
    expect(intakeNow.status().oldestReceivedAt).toBe(ctx.clock.now().toISOString());
    expect(count('incident_intake')).toBe(1);
    expect(count('incidents')).toBe(before.incidents);

    await intakeNow.drain();
    expect(count('incidents')).toBe(before.incidents + 2);
    expect(count('change_log')).toBe(before.log + 2);
    expect(count('incident_intake')).toBe(0);
    expect(intakeNow.status()).toEqual({ waiting: 0, oldestReceivedAt: null, fault: null });
    // Each filed report keeps its key, answered from the record on a retry.
    const keys = ctx.store.sqlite
      .prepare("select response from idempotency_keys where key like 'id:%'")
      .all() as { response: string }[];
    expect(keys.map((k) => k.response)).toEqual(['', '']);
    // With its commune and its place on the map.
    const filed = ctx.store.sqlite
      .prepare('select pcode from incidents where id = ?')
      .get(outcomes[2]?.id) as { pcode: string };
    expect(filed.pcode).toBe('HT0111');
  });

  it('keeps what waits across a restart and files each report once', async () => {
    const first = await intake();
    const items = entries([report(), report({ occurredAt: '2023-06-07T15:00:00Z' })]);
    await first.accept(contingent, items);
    await first.stop();

    const told: string[] = [];
    const second = await intake({
      log: { info: (m) => told.push(m), warn: () => undefined, error: () => undefined },
    });
    expect(second.status().waiting).toBe(2);
    expect(told[0]).toMatch(/^2 batched reports received since .+ wait to be filed/);
    expect(second.isWaiting(items[0] && 'item' in items[0] ? items[0].item.id : '')).toBe(true);
    // A retry while they wait: the same reports are known, other content or another sender not.
    const again = await second.accept(contingent, items);
    expect(again.map((o) => o.status)).toEqual(['exists', 'exists']);
    const item = items[0] && 'item' in items[0] ? items[0].item : null;
    if (!item) throw new Error('no item');
    const changed = await second.accept(contingent, [
      { index: 0, item: { ...item, description: 'autre chose' } },
    ]);
    expect(changed[0]?.error?.code).toBe('IdempotencyKeyReused');
    const stolen = await second.accept(ops, [{ index: 0, item }]);
    expect(stolen[0]?.error?.code).toBe('AlreadyExists');

    const before = count('incidents');
    await second.drain();
    expect(count('incidents')).toBe(before + 2);
    // Filed, the same answers come from the store.
    expect((await second.accept(contingent, items)).map((o) => o.status)).toEqual([
      'exists',
      'exists',
    ]);
    expect(count('incidents')).toBe(before + 2);
  });

  it('files a waiting report, and those before it, when it is wanted by id', async () => {
    const intakeNow = await intake();
    const a = newId();
    const b = newId();
    await intakeNow.accept(contingent, entries([report({ id: a })]));
    await intakeNow.accept(contingent, entries([report({ id: b })]));
    await intakeNow.fileThrough([a]);
    expect(intakeNow.isWaiting(a)).toBe(false);
    expect(intakeNow.isWaiting(b)).toBe(true);
    const ids = ctx.store.sqlite.prepare('select id from incidents where id in (?, ?)').all(a, b);
    expect(ids).toEqual([{ id: a }]);
  });

  it('makes a new batch wait for filing once the bound is reached', async () => {
    const intakeNow = await intake({ maxReports: 3 });
    const before = count('incidents');
    await intakeNow.accept(contingent, entries([report(), report()]));
    expect(intakeNow.status().waiting).toBe(2);
    await intakeNow.accept(contingent, entries([report(), report()]));
    // The first batch was filed before the second was taken in.
    expect(count('incidents')).toBe(before + 2);
    expect(intakeNow.status().waiting).toBe(2);
  });

  it('files on its own once batches stop arriving', async () => {
    const intakeNow = await intake({ quietMs: 10 });
    const before = count('incidents');
    await intakeNow.accept(contingent, entries([report(), report(), report()]));
    const until = Date.now() + 10_000;
    while (intakeNow.status().waiting > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(intakeNow.status().waiting).toBe(0);
    expect(count('incidents')).toBe(before + 3);
  });

  it('reports a failure to file, keeps the part and files it once the fault is gone', async () => {
    const errors: string[] = [];
    const intakeNow = new IncidentIntake(ctx.store, incidentDeps(ctx), {
      maxReports: 1000,
      quietMs: 10,
      log: { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
    });
    open.push(intakeNow);
    await intakeNow.open();
    // A part the intake cannot read, ahead of the others.
    ctx.store.sqlite
      .prepare(
        "insert into incident_intake (seq, received_at, actor, reports, drafts) values (0, '2023-06-08T00:00:00Z', '{}', 1, '[{not json')",
      )
      .run();
    const before = count('incidents');
    await intakeNow.accept(contingent, entries([report()]));
    const until = Date.now() + 10_000;
    while (intakeNow.status().fault === null && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(intakeNow.status()).toMatchObject({ waiting: 1 });
    // The cause is in the log; the status says since when, and names nothing inside the store.
    expect(intakeNow.status().fault).toMatch(
      `Filing has failed since ${ctx.clock.now().toISOString()}; it is tried again every 5 s`,
    );
    expect(intakeNow.status().fault).not.toMatch(/JSON|incident_intake|SQL/i);
    expect(errors[0]).toMatch(/Filing batched reports failed \(1 wait.*JSON/);
    expect(count('incidents')).toBe(before);
    expect(count('incident_intake')).toBe(2);

    ctx.store.sqlite.prepare('delete from incident_intake where seq = 0').run();
    await intakeNow.drain();
    expect(intakeNow.status()).toEqual({ waiting: 0, oldestReceivedAt: null, fault: null });
    expect(count('incidents')).toBe(before + 1);
  });
});
