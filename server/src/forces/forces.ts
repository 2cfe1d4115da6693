/** Force generation: contributions by country with pledge lines, and mandate milestones. */
import type {
  ClassificationLevel,
  ContributionId,
  ForceCapability,
  MilestoneId,
  MilestoneKind,
  MilestoneStatus,
  PledgeLineId,
  PledgeStatus,
} from '@konbit/core';
import { authoredFromRow, authoredToRow } from '../policy/tag.js';
import type { SourceRef } from '../sites/site.js';
import type {
  ContributionTable,
  MilestoneTable,
  PledgeHistoryTable,
  PledgeLineTable,
} from './forces.table.js';

export interface PledgeStatusChange {
  readonly status: PledgeStatus;
  readonly date: string;
  readonly source: SourceRef | null;
  readonly note: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface PledgeLine {
  readonly id: PledgeLineId;
  readonly contributionId: string;
  readonly capability: ForceCapability;
  readonly personnel: number | null;
  readonly status: PledgeStatus;
  readonly statusDate: string;
  readonly note: string | null;
  readonly history: readonly PledgeStatusChange[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Contribution {
  readonly id: ContributionId;
  readonly country: string;
  readonly countryName: string;
  readonly conditions: string | null;
  readonly notes: string | null;
  readonly source: SourceRef;
  readonly lead: {
    readonly since: string;
    readonly source: SourceRef | null;
    readonly note: string | null;
  } | null;
  readonly withdrawnOn: string | null;
  readonly lines: readonly PledgeLine[];
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Milestone {
  readonly id: MilestoneId;
  readonly kind: MilestoneKind;
  readonly country: string | null;
  readonly title: string;
  readonly status: MilestoneStatus;
  readonly date: string | null;
  readonly reference: string | null;
  readonly source: SourceRef;
  readonly note: string | null;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A source as the API receives it (optional fields absent) in the stored form. */
export function sourceRef(input: {
  organisation: string;
  title: string;
  url?: string | undefined;
  published?: string | undefined;
}): SourceRef {
  return {
    organisation: input.organisation,
    title: input.title,
    url: input.url ?? null,
    published: input.published ?? null,
  };
}

function sourceColumns(row: {
  source_organisation: string;
  source_title: string;
  source_url: string | null;
  source_published: string | null;
}): SourceRef {
  return {
    organisation: row.source_organisation,
    title: row.source_title,
    url: row.source_url,
    published: row.source_published,
  };
}

function toSourceColumns(s: SourceRef) {
  return {
    source_organisation: s.organisation,
    source_title: s.title,
    source_url: s.url,
    source_published: s.published,
  };
}

export function historyRowToChange(row: PledgeHistoryTable): PledgeStatusChange {
  return {
    status: row.status as PledgeStatus,
    date: row.date,
    source: row.source === null ? null : (JSON.parse(row.source) as SourceRef),
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

export function lineRowToLine(
  row: PledgeLineTable,
  history: readonly PledgeStatusChange[],
): PledgeLine {
  return {
    id: row.id as PledgeLineId,
    contributionId: row.contribution_id,
    capability: row.capability as ForceCapability,
    personnel: row.personnel,
    status: row.status as PledgeStatus,
    statusDate: row.status_date,
    note: row.note,
    history,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function lineToRow(l: PledgeLine): PledgeLineTable {
  return {
    id: l.id,
    contribution_id: l.contributionId,
    capability: l.capability,
    personnel: l.personnel,
    status: l.status,
    status_date: l.statusDate,
    note: l.note,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
  };
}

export function contributionRowToContribution(
  row: ContributionTable,
  lines: readonly PledgeLine[],
): Contribution {
  return {
    id: row.id as ContributionId,
    country: row.country,
    countryName: row.country_name,
    conditions: row.conditions,
    notes: row.notes,
    source: sourceColumns(row),
    lead:
      row.lead_since === null
        ? null
        : {
            since: row.lead_since,
            source: row.lead_source === null ? null : (JSON.parse(row.lead_source) as SourceRef),
            note: row.lead_note,
          },
    withdrawnOn: row.withdrawn_on,
    lines,
    ...authoredFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function contributionToRow(c: Contribution): ContributionTable {
  return {
    id: c.id,
    country: c.country,
    country_name: c.countryName,
    conditions: c.conditions,
    notes: c.notes,
    ...toSourceColumns(c.source),
    lead_since: c.lead?.since ?? null,
    lead_source: c.lead?.source ? JSON.stringify(c.lead.source) : null,
    lead_note: c.lead?.note ?? null,
    withdrawn_on: c.withdrawnOn,
    ...authoredToRow(c),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function milestoneRowToMilestone(row: MilestoneTable): Milestone {
  return {
    id: row.id as MilestoneId,
    kind: row.kind as MilestoneKind,
    country: row.country,
    title: row.title,
    status: row.status as MilestoneStatus,
    date: row.date,
    reference: row.reference,
    source: sourceColumns(row),
    note: row.note,
    ...authoredFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function milestoneToRow(m: Milestone): MilestoneTable {
  return {
    id: m.id,
    kind: m.kind,
    country: m.country,
    title: m.title,
    status: m.status,
    date: m.date,
    reference: m.reference,
    ...toSourceColumns(m.source),
    note: m.note,
    ...authoredToRow(m),
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}
