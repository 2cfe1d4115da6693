/**
 * What a part of the demo scenario is given and must provide, and the helpers parts share. Kept
 * apart from scenario.ts so a concept's part can use them while scenario.ts lists the parts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalDate, OrgId, Role, UserId } from '@konbit/core';
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import type { SystemActor } from '../policy/actor.js';
import type { Tx } from '../store/store.js';

/** What a scenario part may refer to: the demo's organisations and accounts. */
export interface ScenarioRefs {
  readonly actor: SystemActor;
  /** Organisation ids by their key in organisations.json (`force-hq`, `ocha`…). */
  readonly orgs: ReadonlyMap<string, OrgId>;
  /** The demo account of each role. */
  readonly users: ReadonlyMap<Role, UserId>;
  readonly dataDir: string;
  /** The scenario's Port-au-Prince day; nothing after it may be loaded. */
  readonly today: LocalDate;
}

export interface ScenarioPart {
  readonly name: string;
  /** Loads this part inside the scenario's transaction; returns counts for the summary. */
  load(tx: Tx, ctx: AppContext, refs: ScenarioRefs): Promise<Record<string, number>>;
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Reads data/scenario/<name> and checks it against `schema`, naming the file and field on error. */
export function readScenarioFile<T>(dataDir: string, name: string, schema: z.ZodType<T>): T {
  const path = join(dataDir, 'scenario', name);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScenarioError(`${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Throws when `date` (YYYY-MM-DD or an instant) is after the scenario's day. */
export function assertNotAfter(refs: ScenarioRefs, date: string, what: string): void {
  if (date.slice(0, 10) > refs.today) {
    throw new ScenarioError(`${what} is dated ${date}, after the scenario's now (${refs.today})`);
  }
}
