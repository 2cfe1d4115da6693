/**
 * The Port-au-Prince, June 2023 scenario: organisations, one demo account per role, and the
 * sourced figures of data/scenario/. Loaded through the same services as any write, so every
 * record has its change-log entry. Nothing dated after the scenario's "now" is loaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateFigureRequest,
  missionDay,
  ORG_KINDS,
  ROLES,
  type Language,
  type OrgId,
  type OrgKind,
  type Role,
} from '@konbit/core';
import { z } from 'zod';
import { defaultDataDir } from '../areas/areas.js';
import type { AppContext } from '../context.js';
import { createFigure } from '../figures/figure.service.js';
import { createOrganisation, createUser } from '../orgs/orgs.service.js';
import { systemActor } from '../policy/actor.js';
import { setMeta } from '../store/meta.js';

/** 2023-06-08 12:00 in Port-au-Prince (daylight time, UTC-4). */
export const DEMO_AS_OF = '2023-06-08T16:00:00.000Z';
export const DEMO_PASSWORD = 'konbit-demo';
export const DEMO_EMAIL_DOMAIN = 'demo.konbit.example';

const OrganisationsFile = z.object({
  organisations: z.array(
    z.strictObject({
      key: z.string(),
      name: z.string(),
      kind: z.enum(ORG_KINDS),
      country: z.string().optional(),
    }),
  ),
  accounts: z.array(
    z.strictObject({
      role: z.enum(ROLES),
      name: z.string(),
      organisation: z.string(),
      language: z.enum(['en', 'fr', 'ht']).optional(),
    }),
  ),
  about: z.string(),
});

const FiguresFile = z.object({ about: z.string(), figures: z.array(CreateFigureRequest) });

export interface DemoAccount {
  readonly email: string;
  readonly role: Role;
  readonly organisation: string;
  readonly orgKind: OrgKind;
}

function readScenarioFile<T>(dataDir: string, name: string, schema: z.ZodType<T>): T {
  const path = join(dataDir, 'scenario', name);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The demo accounts, as listed in the README and printed at start. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = (() => {
  const file = readScenarioFile(defaultDataDir(), 'organisations.json', OrganisationsFile);
  return file.accounts.map((a) => {
    const org = file.organisations.find((o) => o.key === a.organisation);
    if (!org) throw new Error(`Account ${a.role} names unknown organisation ${a.organisation}`);
    return {
      email: `${a.role}@${DEMO_EMAIL_DOMAIN}`,
      role: a.role,
      organisation: org.name,
      orgKind: org.kind,
    };
  });
})();

export interface ScenarioSummary {
  readonly organisations: number;
  readonly accounts: number;
  readonly figures: number;
  readonly asOf: string;
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Loads the scenario into an empty store, in one transaction. */
export async function loadScenario(ctx: AppContext): Promise<ScenarioSummary> {
  const dataDir = ctx.config.dataDir ?? defaultDataDir();
  const orgsFile = readScenarioFile(dataDir, 'organisations.json', OrganisationsFile);
  const figuresFile = readScenarioFile(dataDir, 'figures.json', FiguresFile);
  const today = missionDay(ctx.clock.now());
  for (const f of figuresFile.figures) {
    const published = f.source.published ?? f.asOf;
    if (f.asOf > today || published > today) {
      throw new ScenarioError(
        `figures.json: ${f.metric} ${f.value} (${f.source.title}) is dated after the scenario's now (${today})`,
      );
    }
  }
  const actor = systemActor('demo');
  await ctx.store.transaction(async (tx) => {
    const orgIds = new Map<string, OrgId>();
    for (const o of orgsFile.organisations) {
      const org = await createOrganisation(tx, actor, {
        name: o.name,
        kind: o.kind,
        country: o.country,
      });
      orgIds.set(o.key, org.id);
    }
    for (const a of orgsFile.accounts) {
      const orgId = orgIds.get(a.organisation);
      if (!orgId)
        throw new ScenarioError(
          `organisations.json: account ${a.role} names unknown organisation ${a.organisation}`,
        );
      await createUser(tx, actor, {
        email: `${a.role}@${DEMO_EMAIL_DOMAIN}`,
        name: a.name,
        orgId,
        role: a.role,
        password: DEMO_PASSWORD,
        language: a.language as Language | undefined,
      });
    }
    for (const f of figuresFile.figures) await createFigure(tx, actor, ctx, f);
    await setMeta(tx, 'store_kind', 'demo');
    await setMeta(tx, 'scenario_as_of', ctx.clock.now().toISOString());
  });
  return {
    organisations: orgsFile.organisations.length,
    accounts: orgsFile.accounts.length,
    figures: figuresFile.figures.length,
    asOf: ctx.clock.now().toISOString(),
  };
}
