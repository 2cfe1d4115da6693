/**
 * The intake of batched reports. A batch from a field device catching up is checked report by
 * report (every refusal happens then), its reports are written to `incident_intake` in parts
 * with one durable commit, and the device is answered. A background step then files the parts,
 * oldest first, each in one transaction that stores its reports (map index, text, counts,
 * change log, the keys a retry is answered from) and deletes the part: a report is filed once,
 * also across a restart. Filing waits while batches keep arriving, so devices are answered
 * first, until `maxReports` wait; then a new batch first files what waits.
 *
 * A waiting report is filed before anyone reads or changes it by id (`fileThrough`); lists,
 * clusters, statistics and search show it once filed, normally within a second.
 */
import { KonbitError, type BatchIncidentItem, type ErrorBody } from '@konbit/core';
import { fingerprintOf, lookupKey, storeResponses } from '../idempotency/idempotency.js';
import { actorRef, type UserActor, type Writer } from '../policy/actor.js';
import { can } from '../policy/policy.js';
import { preparedInsert } from '../store/prepared.js';
import type { Store, Tx } from '../store/store.js';
import type { Incident } from './incident.js';
import type { IncidentIntakeTable } from './incident.table.js';
import { findIncidentOwners } from './incident.repository.js';
import {
  draftIncident,
  storeIncidents,
  withRelatedSites,
  type IncidentDeps,
} from './incident.service.js';

/** A report of a batch: parsed, or refused by the schema with its error. */
export type BatchEntry =
  | { readonly index: number; readonly item: BatchIncidentItem }
  | { readonly index: number; readonly id: string | null; readonly error: ErrorBody['error'] };

export interface BatchOutcome {
  readonly index: number;
  readonly id: string | null;
  readonly status: 'created' | 'exists' | 'rejected';
  readonly error?: ErrorBody['error'];
}

export interface IntakeStatus {
  readonly waiting: number;
  readonly oldestReceivedAt: string | null;
  readonly fault: string | null;
}

export interface IntakeLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface IntakeOptions {
  /** Reports that may wait before a new batch first files what waits. */
  readonly maxReports: number;
  /** Filing starts once no batch has arrived for this long (ms). */
  readonly quietMs?: number;
  readonly log?: IntakeLog;
}

/** Reports per part: a part is filed in one transaction, short enough not to hold up readers. */
const PART_REPORTS = 100;
const QUIET_MS = 100;
/** After a failure to file, the next attempt waits this long (ms). */
const RETRY_MS = 5_000;

/** A checked report in a part, and the fingerprint of the request that sent it. */
interface PartReport {
  readonly draft: Incident;
  readonly fingerprint: string;
}

/** What a waiting part holds, in memory. */
interface Part {
  readonly seq: number;
  readonly receivedAt: string;
  readonly ids: readonly string[];
}

/** Who sent a waiting report, and what the request was. */
interface Sent {
  readonly scope: string;
  readonly fingerprint: string;
}

// Compiled once per number of parts (a batch makes at most ten).
const insertParts = preparedInsert<IncidentIntakeTable>(
  'incident_intake',
  ['seq', 'received_at', 'actor', 'reports', 'drafts'],
  10,
);

const SILENT: IntakeLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export class IncidentIntake {
  readonly #store: Store;
  readonly #deps: IncidentDeps;
  readonly #maxReports: number;
  readonly #quietMs: number;
  readonly #log: IntakeLog;
  readonly #waiting = new Map<string, Sent>();
  readonly #parts: Part[] = [];
  #nextSeq = 1;
  #accepting = 0;
  #lastAccepted = 0;
  #timer: NodeJS.Timeout | null = null;
  /** Filing runs one part at a time: each waits for the one before. */
  #filing: Promise<unknown> = Promise.resolve();
  #stopped = false;
  /** Since when filing fails (its cause goes to the log only: it may name tables or SQL). */
  #failingSince: string | null = null;

  constructor(store: Store, deps: IncidentDeps, options: IntakeOptions) {
    this.#store = store;
    this.#deps = deps;
    this.#maxReports = options.maxReports;
    this.#quietMs = options.quietMs ?? QUIET_MS;
    this.#log = options.log ?? SILENT;
  }

  /** Reads the parts left waiting (by a stop or a crash) and starts filing them. */
  async open(): Promise<void> {
    const rows = await this.#store.db
      .selectFrom('incident_intake')
      .select(['seq', 'received_at', 'actor', 'drafts'])
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const scope = actorRef(JSON.parse(row.actor) as Writer);
      const reports = JSON.parse(row.drafts) as PartReport[];
      for (const r of reports) this.#waiting.set(r.draft.id, { scope, fingerprint: r.fingerprint });
      this.#parts.push({
        seq: row.seq,
        receivedAt: row.received_at,
        ids: reports.map((r) => r.draft.id),
      });
      this.#nextSeq = row.seq + 1;
    }
    if (this.#waiting.size > 0) {
      this.#log.info(
        `${this.#waiting.size} batched reports received since ${this.#parts[0]?.receivedAt} wait to be filed; filing them now`,
      );
    }
    this.#schedule();
  }

  status(): IntakeStatus {
    return {
      waiting: this.#waiting.size,
      oldestReceivedAt: this.#parts[0]?.receivedAt ?? null,
      fault:
        this.#failingSince === null
          ? null
          : `Filing has failed since ${this.#failingSince}; it is tried again every ${RETRY_MS / 1000} s, and the server log has the cause`,
    };
  }

  isWaiting(id: string): boolean {
    return this.#waiting.has(id);
  }

  /**
   * Checks a batch report by report and stores the reports that pass, in one transaction, to be
   * filed: refused reports leave nothing behind and are answered by index. A report whose id
   * is already stored (or waiting) from the same user with the same content is `exists` (a
   * device retrying after a lost answer).
   */
  async accept(actor: UserActor, entries: readonly BatchEntry[]): Promise<BatchOutcome[]> {
    if (!can(actor, 'incident.create')) {
      throw new KonbitError('Forbidden', 'Your role may not do this (incident.create)');
    }
    this.#accepting += 1;
    try {
      // Past the bound, the sender waits for filing rather than the map for ever more.
      while (this.#waiting.size + entries.length > this.#maxReports && this.#parts.length > 0) {
        await this.#fileOldest();
      }
      return await this.#accept(actor, entries);
    } finally {
      this.#accepting -= 1;
      this.#lastAccepted = Date.now();
      this.#schedule();
    }
  }

  async #accept(actor: UserActor, entries: readonly BatchEntry[]): Promise<BatchOutcome[]> {
    const scope = actorRef(actor);
    const added: Part[] = [];
    try {
      return await this.#store.transaction(async (tx) => {
        const out: BatchOutcome[] = [];
        const accepted: PartReport[] = [];
        const inBatch = new Map<string, Sent>();
        const owners = await findIncidentOwners(
          tx,
          entries.flatMap((e) => ('item' in e ? [e.item.id] : [])),
        );
        for (const entry of entries) {
          if ('error' in entry) {
            out.push({ index: entry.index, id: entry.id, status: 'rejected', error: entry.error });
            continue;
          }
          const { index, item } = entry;
          const fingerprint = fingerprintOf('POST', '/api/v1/incidents', item);
          try {
            const earlier =
              inBatch.get(item.id) ?? this.#waiting.get(item.id) ?? owners.get(item.id);
            if (earlier !== undefined) {
              await checkRetry(tx, { scope, fingerprint, id: item.id }, earlier);
              out.push({ index, id: item.id, status: 'exists' });
              continue;
            }
            accepted.push({ draft: draftIncident(actor, this.#deps, item), fingerprint });
            inBatch.set(item.id, { scope, fingerprint });
          } catch (err) {
            if (!(err instanceof KonbitError)) throw err;
            out.push({ index, id: item.id, status: 'rejected', error: err.toBody().error });
            continue;
          }
          out.push({ index, id: item.id, status: 'created' });
        }
        const receivedAt = this.#deps.clock.now().toISOString();
        const sender = JSON.stringify(actor);
        const rows: IncidentIntakeTable[] = [];
        for (let start = 0; start < accepted.length; start += PART_REPORTS) {
          const reports = accepted.slice(start, start + PART_REPORTS);
          const part = { seq: this.#nextSeq++, receivedAt, ids: reports.map((r) => r.draft.id) };
          added.push(part);
          rows.push({
            seq: part.seq,
            received_at: receivedAt,
            actor: sender,
            reports: reports.length,
            drafts: JSON.stringify(reports),
          });
        }
        await insertParts(tx, rows);
        // Known as waiting before the commit ends, so the next batch sees them.
        this.#parts.push(...added);
        for (const [id, sent] of inBatch) this.#waiting.set(id, sent);
        return out.sort((a, b) => a.index - b.index);
      });
    } catch (err) {
      this.#forget(added);
      throw err;
    }
  }

  /** Files every waiting part that holds one of `ids`, and those before it. */
  async fileThrough(ids: readonly (string | undefined)[]): Promise<void> {
    while (ids.some((id) => id !== undefined && this.#waiting.has(id))) {
      await this.#fileOldest();
    }
  }

  /** Files everything waiting now. */
  async drain(): Promise<void> {
    while (this.#parts.length > 0) await this.#fileOldest();
  }

  /** Stops filing after the part in progress; what waits is filed after the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#filing.catch(() => undefined);
  }

  #forget(parts: readonly Part[]): void {
    for (const part of parts) {
      const at = this.#parts.indexOf(part);
      if (at >= 0) this.#parts.splice(at, 1);
      for (const id of part.ids) this.#waiting.delete(id);
    }
  }

  #schedule(delay = this.#quietMs): void {
    if (this.#stopped || this.#timer || this.#parts.length === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#tick();
    }, delay);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    const quietFor = Date.now() - this.#lastAccepted;
    if (this.#accepting > 0 || quietFor < this.#quietMs) {
      this.#schedule(Math.max(1, this.#quietMs - quietFor));
      return;
    }
    try {
      await this.#fileOldest();
      this.#schedule(0);
    } catch (err) {
      this.#failingSince ??= this.#deps.clock.now().toISOString();
      this.#log.error(
        `Filing batched reports failed (${this.#waiting.size} wait; next try in ${RETRY_MS / 1000} s): ${err instanceof Error ? err.message : String(err)}`,
      );
      this.#schedule(RETRY_MS);
    }
  }

  /** Files the oldest waiting part, after any filing in progress. */
  #fileOldest(): Promise<void> {
    const run = this.#filing.then(() => this.#fileOne());
    this.#filing = run.catch(() => undefined);
    return run;
  }

  async #fileOne(): Promise<void> {
    const filed = await this.#store.transaction(async (tx) => {
      const row = await tx
        .selectFrom('incident_intake')
        .selectAll()
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      const actor = JSON.parse(row.actor) as Writer;
      const reports = JSON.parse(row.drafts) as PartReport[];
      // Stored meanwhile by another way in (an import, another process): kept as it is.
      const taken = await findIncidentOwners(
        tx,
        reports.map((r) => r.draft.id),
      );
      const fresh = reports.filter((r) => !taken.has(r.draft.id));
      if (fresh.length < reports.length) {
        this.#log.warn(
          `Intake part ${row.seq}: ${reports.length - fresh.length} report(s) were already stored and were not filed again: ${[...taken.keys()].join(', ')}`,
        );
      }
      const drafts: Incident[] = [];
      for (const r of fresh) drafts.push(await withRelatedSites(tx, this.#deps, r.draft));
      await storeIncidents(tx, actor, this.#deps, drafts);
      const scope = actorRef(actor);
      await storeResponses(
        tx,
        fresh.map((r) => ({
          req: { scope, key: `id:${r.draft.id}`, fingerprint: r.fingerprint },
          status: 201,
        })),
      );
      await tx.deleteFrom('incident_intake').where('seq', '=', row.seq).execute();
      return row.seq;
    });
    this.#failingSince = null;
    const part = this.#parts.find((p) => p.seq === filed);
    if (part) this.#forget([part]);
    else if (filed === null) this.#forget([...this.#parts]);
  }
}

/**
 * A report's id is already stored or waiting: fine when the same user sends the same report
 * again; refused when the content differs, or when the id is someone else's.
 */
async function checkRetry(
  tx: Tx,
  sent: { scope: string; fingerprint: string; id: string },
  earlier: Sent | string,
): Promise<void> {
  const scope = typeof earlier === 'string' ? earlier : earlier.scope;
  if (scope !== sent.scope) {
    throw new KonbitError('AlreadyExists', `An incident with id ${sent.id} already exists`, 'id');
  }
  const fingerprint =
    typeof earlier === 'string'
      ? ((await lookupKey(tx, { scope, key: `id:${sent.id}` }))?.fingerprint ?? sent.fingerprint)
      : earlier.fingerprint;
  if (fingerprint !== sent.fingerprint) {
    throw new KonbitError(
      'IdempotencyKeyReused',
      `Report ${sent.id} was already filed with other content; give a new report a new id`,
      'id',
    );
  }
}
