/** Units and their assignments to sites. */
import type {
  AssignmentId,
  AssignmentState,
  ClassificationLevel,
  ForceCapability,
  ShiftPattern,
  UnitId,
  UnitService,
} from '@konbit/core';
import { authoredFromRow, authoredToRow } from '../policy/tag.js';
import type { AssignmentTable, UnitTable } from './tasking.table.js';

export interface Unit {
  readonly id: UnitId;
  readonly name: string;
  readonly organisation: string;
  readonly country: string | null;
  readonly service: UnitService;
  readonly strength: number;
  readonly capabilities: readonly ForceCapability[];
  readonly contributionId: string | null;
  readonly notes: string | null;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Assignment {
  readonly id: AssignmentId;
  readonly unitId: string;
  readonly siteId: string;
  readonly personnel: number;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly shift: ShiftPattern;
  readonly state: AssignmentState;
  readonly note: string | null;
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An assignment with the names of its unit and site, as it is shown and logged. */
export interface AssignmentRecord extends Assignment {
  readonly unit: { readonly id: string; readonly name: string; readonly service: UnitService };
  readonly site: { readonly id: string; readonly name: string };
}

export function unitRowToUnit(row: UnitTable): Unit {
  return {
    id: row.id as UnitId,
    name: row.name,
    organisation: row.organisation,
    country: row.country,
    service: row.service as UnitService,
    strength: row.strength,
    capabilities: JSON.parse(row.capabilities) as ForceCapability[],
    contributionId: row.contribution_id,
    notes: row.notes,
    ...authoredFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function unitToRow(u: Unit): UnitTable {
  return {
    id: u.id,
    name: u.name,
    organisation: u.organisation,
    country: u.country,
    service: u.service,
    strength: u.strength,
    capabilities: JSON.stringify(u.capabilities),
    contribution_id: u.contributionId,
    notes: u.notes,
    ...authoredToRow(u),
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

export function assignmentRowToAssignment(row: AssignmentTable): Assignment {
  return {
    id: row.id as AssignmentId,
    unitId: row.unit_id,
    siteId: row.site_id,
    personnel: row.personnel,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    shift: JSON.parse(row.shift) as ShiftPattern,
    state: row.state as AssignmentState,
    note: row.note,
    ...authoredFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function assignmentToRow(a: Assignment): AssignmentTable {
  return {
    id: a.id,
    unit_id: a.unitId,
    site_id: a.siteId,
    personnel: a.personnel,
    starts_at: a.startsAt,
    ends_at: a.endsAt,
    shift: JSON.stringify(a.shift),
    state: a.state,
    note: a.note,
    ...authoredToRow(a),
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}
