/**
 * The scenario's critical sites, their posture as reported up to 2023-06-08, force generation
 * as publicly reported by then, and an illustrative plan of the offered contingents covering
 * the airport and the port (data/scenario/sites.json). Loaded through the same services as any
 * write. Historical alerts raised while loading are acknowledged, saying so.
 */
import {
  CreateAssignmentRequest,
  CreateContributionRequest,
  CreateMilestoneRequest,
  CreateSiteRequest,
  CreateUnitRequest,
  ReportSiteStatusRequest,
} from '@konbit/core';
import { z } from 'zod';
import { acknowledgeAlert } from '../alerts/alert.service.js';
import type { AppContext } from '../context.js';
import { createContribution, createMilestone } from '../forces/forces.service.js';
import { createSite, reportSiteStatus } from '../sites/site.service.js';
import { createAssignment, createUnit } from '../tasking/tasking.service.js';
import type { Tx } from '../store/store.js';
import {
  assertNotAfter,
  readScenarioFile,
  ScenarioError,
  type ScenarioPart,
  type ScenarioRefs,
} from './scenario.js';

const Key = z.string().min(1);

const SitesFile = z.strictObject({
  about: z.string(),
  sites: z.array(CreateSiteRequest.safeExtend({ key: Key })),
  statuses: z.array(
    z.strictObject({
      ...ReportSiteStatusRequest.shape,
      site: Key,
      /** Acknowledge the alert this historical report raises, with this note. */
      acknowledge: z.string().optional(),
    }),
  ),
  contributions: z.array(CreateContributionRequest),
  milestones: z.array(CreateMilestoneRequest),
  plan: z.strictObject({
    about: z.string(),
    units: z.array(
      z.strictObject({
        ...CreateUnitRequest.omit({ contributionId: true }).shape,
        key: Key,
        /** The contribution the unit would come from, by country. */
        contribution: z.string().optional(),
      }),
    ),
    assignments: z.array(
      z.strictObject({
        unit: Key,
        site: Key,
        personnel: z.number().int().min(1),
        startsAt: z.string(),
        shift: z.unknown(),
        note: z.string(),
      }),
    ),
  }),
});

function lookup<T>(map: ReadonlyMap<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new ScenarioError(`sites.json: ${what} names unknown key ${key}`);
  return value;
}

async function load(tx: Tx, ctx: AppContext, refs: ScenarioRefs) {
  const file = readScenarioFile(refs.dataDir, 'sites.json', SitesFile);
  for (const s of file.statuses) {
    assertNotAfter(refs, s.at ?? refs.today, `sites.json: ${s.site} ${s.status}`);
    if (s.source.published)
      assertNotAfter(refs, s.source.published, `sites.json: ${s.source.title}`);
  }
  for (const c of file.contributions) {
    assertNotAfter(refs, c.source.published ?? refs.today, `sites.json: ${c.countryName}`);
    for (const l of c.lines ?? [])
      assertNotAfter(refs, l.date, `sites.json: ${c.countryName} line`);
  }
  for (const m of file.milestones) {
    if (m.date) assertNotAfter(refs, m.date, `sites.json: ${m.title}`);
  }

  const sites = new Map<string, string>();
  for (const { key, ...input } of file.sites) {
    sites.set(key, (await createSite(tx, refs.actor, ctx, input)).id);
  }
  let alerts = 0;
  for (const { site, acknowledge, ...input } of file.statuses) {
    const report = await reportSiteStatus(
      tx,
      refs.actor,
      ctx,
      lookup(sites, site, 'a status'),
      input,
    );
    if (report.alert) {
      alerts += 1;
      if (acknowledge) {
        await acknowledgeAlert(tx, refs.actor, ctx, report.alert.id, { note: acknowledge });
      }
    }
  }
  const contributions = new Map<string, string>();
  for (const c of file.contributions) {
    contributions.set(c.country, (await createContribution(tx, refs.actor, ctx, c)).id);
  }
  for (const m of file.milestones) await createMilestone(tx, refs.actor, ctx, m);
  const units = new Map<string, string>();
  for (const { key, contribution, ...input } of file.plan.units) {
    const unit = await createUnit(tx, refs.actor, ctx, {
      ...input,
      ...(contribution
        ? { contributionId: lookup(contributions, contribution, `unit ${key}`) }
        : {}),
    });
    units.set(key, unit.id);
  }
  for (const a of file.plan.assignments) {
    const input = CreateAssignmentRequest.parse({
      unitId: lookup(units, a.unit, 'an assignment'),
      siteId: lookup(sites, a.site, 'an assignment'),
      personnel: a.personnel,
      startsAt: a.startsAt,
      shift: a.shift,
      state: 'planned',
      note: a.note,
    });
    await createAssignment(tx, refs.actor, ctx, input);
  }
  return {
    sites: file.sites.length,
    'site status reports': file.statuses.length,
    alerts,
    'force contributions': file.contributions.length,
    'mandate milestones': file.milestones.length,
    'units (illustrative)': file.plan.units.length,
    'assignments (illustrative plan)': file.plan.assignments.length,
  };
}

export const sitesPart: ScenarioPart = { name: 'sites, tasking and force generation', load };
