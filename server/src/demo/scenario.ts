/**
 * The Port-au-Prince, June 2023 scenario. Loaded through the same services as any write, so
 * every record has its change-log entry, in one transaction: all or nothing. Nothing dated
 * after the scenario's "now" is loaded.
 *
 * The scenario is made of parts. This file loads the foundation (organisations, one account per
 * role, sourced figures); each concept adds its own part (sites, incidents…) to SCENARIO_PARTS.
 */
import {
  CreateFigureRequest,
  missionDay,
  ORG_KINDS,
  ROLES,
  type Language,
  type OrgId,
  type OrgKind,
  type Role,
  type UserId,
} from '@konbit/core';
import { z } from 'zod';
import { defaultDataDir } from '../areas/areas.js';
import { incidentScenario } from '../incidents/incident.scenario.js';
import type { AppContext } from '../context.js';
import { createFigure } from '../figures/figure.service.js';
import { humanitarianScenario } from '../humanitarian/humanitarian.scenario.js';
import { createOrganisation, createUser } from '../orgs/orgs.service.js';
import { systemActor } from '../policy/actor.js';
import { setMeta } from '../store/meta.js';
import { sitesPart } from './sites-part.js';
import type { Tx } from '../store/store.js';
import {
  assertNotAfter,
  readScenarioFile,
  ScenarioError,
  type ScenarioPart,
  type ScenarioRefs,
} from './scenario-part.js';

/** 2023-06-08 12:00 in Port-au-Prince (daylight time, UTC-4). */
export const DEMO_AS_OF = '2023-06-08T16:00:00.000Z';
export const DEMO_PASSWORD = 'konbit-demo';
export const DEMO_EMAIL_DOMAIN = 'demo.konbit.example';

export {
  assertNotAfter,
  readScenarioFile,
  ScenarioError,
  type ScenarioPart,
  type ScenarioRefs,
} from './scenario-part.js';

/** The parts after the foundation, in loading order. */
const SCENARIO_PARTS: readonly ScenarioPart[] = [sitesPart, incidentScenario, humanitarianScenario];

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

/** The demo accounts, as listed in the README and printed at start. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = (() => {
  const file = readScenarioFile(defaultDataDir(), 'organisations.json', OrganisationsFile);
  return file.accounts.map((a) => {
    const org = file.organisations.find((o) => o.key === a.organisation);
    if (!org)
      throw new ScenarioError(`Account ${a.role} names unknown organisation ${a.organisation}`);
    return {
      email: `${a.role}@${DEMO_EMAIL_DOMAIN}`,
      role: a.role,
      organisation: org.name,
      orgKind: org.kind,
    };
  });
})();

export interface ScenarioSummary {
  readonly asOf: string;
  /** Records loaded, by kind, such as `{ organisations: 8, figures: 14 }`. */
  readonly counts: Readonly<Record<string, number>>;
}

async function loadFoundation(tx: Tx, ctx: AppContext, refs: ScenarioRefs) {
  const orgsFile = readScenarioFile(refs.dataDir, 'organisations.json', OrganisationsFile);
  const figuresFile = readScenarioFile(refs.dataDir, 'figures.json', FiguresFile);
  for (const f of figuresFile.figures) {
    const what = `figures.json: ${f.metric} ${f.value} (${f.source.title})`;
    assertNotAfter(refs, f.asOf, what);
    if (f.source.published) assertNotAfter(refs, f.source.published, what);
  }
  const orgs = refs.orgs as Map<string, OrgId>;
  const users = refs.users as Map<Role, UserId>;
  for (const o of orgsFile.organisations) {
    const org = await createOrganisation(tx, refs.actor, {
      name: o.name,
      kind: o.kind,
      country: o.country,
    });
    orgs.set(o.key, org.id);
  }
  for (const a of orgsFile.accounts) {
    const orgId = orgs.get(a.organisation);
    if (!orgId)
      throw new ScenarioError(
        `organisations.json: account ${a.role} names unknown organisation ${a.organisation}`,
      );
    const user = await createUser(tx, refs.actor, {
      email: `${a.role}@${DEMO_EMAIL_DOMAIN}`,
      name: a.name,
      orgId,
      role: a.role,
      password: DEMO_PASSWORD,
      language: a.language as Language | undefined,
    });
    users.set(a.role, user.id);
  }
  return {
    organisations: orgsFile.organisations.length,
    accounts: orgsFile.accounts.length,
  };
}

/**
 * The sourced figures of figures.json, loaded after the parts: a figure may name a record a
 * part made (the hazard event it is about).
 */
async function loadFigures(tx: Tx, ctx: AppContext, refs: ScenarioRefs) {
  const figuresFile = readScenarioFile(refs.dataDir, 'figures.json', FiguresFile);
  for (const f of figuresFile.figures) await createFigure(tx, refs.actor, ctx, f);
  return { figures: figuresFile.figures.length };
}

/** Loads the whole scenario into an empty store, in one transaction. */
export async function loadScenario(ctx: AppContext): Promise<ScenarioSummary> {
  const refs: ScenarioRefs = {
    actor: systemActor('demo'),
    orgs: new Map(),
    users: new Map(),
    dataDir: ctx.config.dataDir ?? defaultDataDir(),
    today: missionDay(ctx.clock.now()),
  };
  const counts: Record<string, number> = {};
  await ctx.store.transaction(async (tx) => {
    Object.assign(counts, await loadFoundation(tx, ctx, refs));
    for (const part of SCENARIO_PARTS) Object.assign(counts, await part.load(tx, ctx, refs));
    Object.assign(counts, await loadFigures(tx, ctx, refs));
    await setMeta(tx, 'store_kind', 'demo');
    await setMeta(tx, 'scenario_as_of', ctx.clock.now().toISOString());
  });
  return { asOf: ctx.clock.now().toISOString(), counts };
}
