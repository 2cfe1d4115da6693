/** The fields of units, assignments and the police-freed figure that leave the server. */
import {
  describeShift,
  type Assignment as AssignmentView,
  type PoliceFreedResponse,
  type TaskingUnit,
} from '@konbit/core';
import { presentRestriction } from '../policy/tag.js';
import type { AssignmentRecord, Unit } from './tasking.js';
import type { PoliceFreedReport } from './tasking.service.js';

export function presentUnit(u: Unit): TaskingUnit {
  return {
    id: u.id,
    name: u.name,
    organisation: u.organisation,
    country: u.country,
    service: u.service,
    strength: u.strength,
    capabilities: [...u.capabilities],
    contributionId: u.contributionId,
    notes: u.notes,
    classification: u.classification,
    ...presentRestriction(u),
    createdAt: u.createdAt,
  };
}

export function presentAssignment(a: AssignmentRecord): AssignmentView {
  return {
    id: a.id,
    unit: { ...a.unit },
    site: { ...a.site },
    personnel: a.personnel,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    shift:
      a.shift.pattern === 'daily'
        ? { pattern: 'daily', ranges: a.shift.ranges.map((r) => ({ ...r })) }
        : { pattern: 'round-the-clock' },
    shiftText: describeShift(a.shift),
    state: a.state,
    note: a.note,
    classification: a.classification,
    ...presentRestriction(a),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function presentPoliceFreed(report: PoliceFreedReport): PoliceFreedResponse {
  const { result } = report;
  return {
    from: result.from,
    to: result.to,
    days: result.days.map((d) => ({ ...d })),
    sites: result.sites.map((s) => {
      const site = report.sites.get(s.siteId);
      return {
        siteId: s.siteId,
        name: site?.name ?? s.siteId,
        policeRequired: s.policeRequired,
        policeRequiredSource: site?.policeRequiredSource ?? null,
        forceRequired: s.forceRequired,
        actual: s.actual,
        projected: s.projected,
        days: s.days.map((d) => ({ ...d })),
      };
    }),
    total: { ...result.total },
    averagePerDay: { ...result.averagePerDay },
    sitesWithoutBaseline: [...result.sitesWithoutBaseline],
    basis: { ...report.basis },
    summary: report.summary,
  };
}
