/** The fields of contributions, milestones and the force summary that leave the server. */
import type {
  Contribution as ContributionView,
  ForceSummary,
  Milestone as MilestoneView,
} from '@konbit/core';
import { presentRestriction } from '../policy/tag.js';
import type { Contribution, Milestone } from './forces.js';
import type { ForceSummaryResult } from './forces.service.js';

export function presentContribution(c: Contribution): ContributionView {
  return {
    id: c.id,
    country: c.country,
    countryName: c.countryName,
    conditions: c.conditions,
    notes: c.notes,
    source: { ...c.source },
    lead: c.lead
      ? {
          since: c.lead.since,
          source: c.lead.source ? { ...c.lead.source } : null,
          note: c.lead.note,
        }
      : null,
    withdrawnOn: c.withdrawnOn,
    lines: c.lines.map((l) => ({
      id: l.id,
      capability: l.capability,
      personnel: l.personnel,
      status: l.status,
      statusDate: l.statusDate,
      note: l.note,
      history: l.history.map((h) => ({
        status: h.status,
        date: h.date,
        source: h.source ? { ...h.source } : null,
        note: h.note,
        recordedAt: h.recordedAt,
      })),
    })),
    classification: c.classification,
    ...presentRestriction(c),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function presentMilestone(m: Milestone): MilestoneView {
  return {
    id: m.id,
    kind: m.kind,
    country: m.country,
    title: m.title,
    status: m.status,
    date: m.date,
    reference: m.reference,
    source: { ...m.source },
    note: m.note,
    classification: m.classification,
    ...presentRestriction(m),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export function presentForceSummary(s: ForceSummaryResult): ForceSummary {
  return {
    asOf: s.asOf,
    leadNation: s.lead
      ? {
          country: s.lead.country,
          countryName: s.lead.countryName,
          since: s.lead.lead?.since ?? '',
        }
      : null,
    personnel: {
      considering: s.totals.considering,
      pledged: s.totals.pledged,
      deployed: s.totals.deployed,
      unstatedLines: s.totals.unstatedLines,
      byCountry: s.totals.byCountry.map((c) => ({
        ...c,
        byCapability: c.byCapability.map((x) => ({ ...x })),
      })),
    },
    milestones: s.milestones.map(presentMilestone),
    readiness: [...s.readiness],
  };
}
