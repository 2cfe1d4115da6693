/**
 * The incidents of the Port-au-Prince, June 2023 scenario (data/scenario/incidents.json): a few
 * real, dated and sourced events from FACTS.md, and illustrative reports that say so. Each is
 * filed, verified, merged and claimed by the demo account of its role, through the same
 * services as any request.
 */
import {
  CreateIncidentRequest,
  KonbitError,
  ROLES,
  VERIFICATION_STATES,
  type OrgKind,
  type Role,
} from '@konbit/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import {
  readScenarioFile,
  ScenarioError,
  type ScenarioPart,
  type ScenarioRefs,
} from '../demo/scenario-part.js';
import { getOrganisation, getUser } from '../orgs/orgs.service.js';
import type { UserActor } from '../policy/actor.js';
import type { Tx } from '../store/store.js';
import {
  claimIncident,
  createIncident,
  incidentDeps,
  mergeIncident,
  verifyIncident,
} from './incident.service.js';

const ScenarioIncident = z
  .strictObject({
    key: z.string().min(1),
    /** `sourced`: a real event in FACTS.md, cited; `illustrative`: invented for the demo. */
    basis: z.enum(['sourced', 'illustrative']),
    citation: z.string().min(1).optional(),
    reportedBy: z.enum(ROLES),
    report: CreateIncidentRequest.omit({ id: true }),
    verification: z
      .array(
        z.strictObject({
          state: z.enum(VERIFICATION_STATES),
          reason: z.string(),
          by: z.enum(ROLES),
        }),
      )
      .default([]),
    mergeInto: z.string().optional(),
    claimedBy: z.enum(ROLES).optional(),
  })
  .refine((i) => i.basis === 'illustrative' || i.citation !== undefined, {
    message: 'A sourced incident names its line and source in FACTS.md (citation)',
    path: ['citation'],
  })
  .refine((i) => i.basis === 'sourced' || i.report.description.startsWith('Illustrative:'), {
    message: 'An illustrative incident says so: its description starts with "Illustrative:"',
    path: ['report', 'description'],
  });

const IncidentsFile = z.object({ about: z.string(), incidents: z.array(ScenarioIncident) });

/** The demo account of `role`, as the actor its requests would have. */
async function accountActor(tx: Tx, refs: ScenarioRefs, role: Role): Promise<UserActor> {
  const userId = refs.users.get(role);
  const user = userId ? await getUser(tx, userId) : null;
  const org = user ? await getOrganisation(tx, user.orgId) : null;
  if (!user || !org) throw new ScenarioError(`incidents.json: no demo account for role ${role}`);
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    orgId: org.id,
    orgKind: org.kind as OrgKind,
    role: user.role,
    credential: { type: 'session', id: 'scenario' },
  };
}

export const incidentScenario: ScenarioPart = {
  name: 'incidents',
  async load(tx: Tx, ctx: AppContext, refs: ScenarioRefs) {
    const file = readScenarioFile(refs.dataDir, 'incidents.json', IncidentsFile);
    const now = ctx.clock.now().toISOString();
    for (const i of file.incidents) {
      for (const [field, at] of [
        ['occurredAt', i.report.occurredAt],
        ['reportedAt', i.report.reportedAt],
      ] as const) {
        if (at !== undefined && at > now) {
          throw new ScenarioError(
            `incidents.json: ${i.key} ${field} ${at} is after the scenario's now (${now})`,
          );
        }
      }
    }
    const deps = incidentDeps(ctx);
    const ids = new Map<string, string>();
    const actors = new Map<Role, UserActor>();
    const as = async (role: Role) => {
      let actor = actors.get(role);
      if (!actor) {
        actor = await accountActor(tx, refs, role);
        actors.set(role, actor);
      }
      return actor;
    };
    const named = async <T>(key: string, work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (err) {
        if (!(err instanceof KonbitError)) throw err;
        throw new ScenarioError(
          `incidents.json: ${key}: ${err.message}${err.field ? ` (${err.field})` : ''}`,
        );
      }
    };
    for (const i of file.incidents) {
      const created = await named(i.key, async () =>
        createIncident(tx, await as(i.reportedBy), deps, i.report),
      );
      ids.set(i.key, created.incident.id);
      for (const step of i.verification) {
        await named(i.key, async () =>
          verifyIncident(tx, await as(step.by), deps, created.incident.id, step),
        );
      }
    }
    let merged = 0;
    for (const i of file.incidents) {
      if (i.mergeInto === undefined) continue;
      const into = ids.get(i.mergeInto);
      if (!into)
        throw new ScenarioError(`incidents.json: ${i.key} merges into unknown ${i.mergeInto}`);
      await mergeIncident(tx, await as('mission-ops'), deps, ids.get(i.key) as string, into);
      merged += 1;
    }
    for (const i of file.incidents) {
      if (i.claimedBy !== undefined) {
        await claimIncident(tx, await as(i.claimedBy), deps, ids.get(i.key) as string);
      }
    }
    return { incidents: file.incidents.length, 'incidents merged': merged };
  },
};
