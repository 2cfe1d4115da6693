/** Incidents: field reports with a place, a time, a source grading and a verification state. */
import {
  KonbitError,
  lonLat,
  type ActorType,
  type ClassificationLevel,
  type DuplicateFacts,
  type IncidentId,
  type IncidentType,
  type InformationCredibility,
  type LocationPrecision,
  type LonLat,
  type SourceKind,
  type SourceReliability,
  type TimePrecision,
  type VerificationState,
} from '@konbit/core';
import type { IncidentRow, IncidentVerificationTable, NewIncidentRow } from './incident.table.js';

export interface Casualties {
  readonly killed: number;
  readonly injured: number;
  readonly abducted: number;
}

export interface IncidentActor {
  readonly type: ActorType;
  readonly name: string | null;
}

/** A critical site within 1 km of the report, as it was when the report was placed. */
export interface RelatedSite {
  readonly id: string;
  readonly name: string;
  readonly criticality: number;
  readonly distanceMetres: number;
  /** The site's own access tag: a reader of the report sees the site only if they may read it. */
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
}

export interface IncidentClaim {
  readonly by: string;
  readonly name: string;
  readonly organisation: string | null;
  readonly at: string;
}

/** What a map or a list shows of an incident. */
export interface IncidentSummary {
  readonly seq: number;
  readonly id: IncidentId;
  readonly type: IncidentType;
  readonly occurredAt: string;
  readonly occurredPrecision: TimePrecision;
  readonly reportedAt: string;
  /** The reported point, or the commune centroid for a report known to the commune. */
  readonly position: LonLat | null;
  readonly locationPrecision: LocationPrecision;
  readonly pcode: string | null;
  /** For a sensitive report: the commune centroid shown to those who may not see the point. */
  readonly generalPosition: LonLat | null;
  readonly sensitive: boolean;
  /** The whole description, or (in lists) its first characters. */
  readonly description: string;
  readonly casualties: Casualties;
  readonly source: {
    readonly kind: SourceKind;
    readonly reliability: SourceReliability;
    readonly credibility: InformationCredibility;
  };
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  readonly verification: VerificationState;
  readonly mergedInto: IncidentId | null;
  readonly corroborations: number;
  readonly createdBy: string;
  readonly createdOrg: string | null;
}

export interface Incident extends IncidentSummary {
  readonly occurredDay: string;
  readonly occurredWeek: string;
  readonly actors: readonly IncidentActor[];
  readonly source: IncidentSummary['source'] & { readonly reference: string | null };
  readonly claim: IncidentClaim | null;
  readonly mergedAt: string | null;
  readonly mergedBy: string | null;
  readonly relatedSites: readonly RelatedSite[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface VerificationStep {
  readonly from: VerificationState;
  readonly to: VerificationState;
  readonly reason: string;
  readonly at: string;
  readonly by: { readonly name: string; readonly organisation: string | null };
}

/** An incident as the single-record read shows it: with its history and its duplicates. */
export interface IncidentRecord {
  readonly incident: Incident;
  readonly history: readonly VerificationStep[];
  /** Reports merged into this one. */
  readonly duplicates: readonly IncidentSummary[];
  readonly reportingOrganisation: string | null;
}

/** The columns a list or map reads: no JSON to parse, and only the start of the description. */
export type IncidentSummaryRow = Pick<
  IncidentRow,
  | 'seq'
  | 'id'
  | 'type'
  | 'occurred_at'
  | 'occurred_precision'
  | 'reported_at'
  | 'lon'
  | 'lat'
  | 'location_precision'
  | 'pcode'
  | 'general_lon'
  | 'general_lat'
  | 'sensitive'
  | 'description'
  | 'killed'
  | 'injured'
  | 'abducted'
  | 'source_kind'
  | 'source_reliability'
  | 'source_credibility'
  | 'classification'
  | 'restricted_to'
  | 'verification'
  | 'merged_into'
  | 'corroborations'
  | 'created_by'
  | 'created_org'
>;

function point(lon: number | null, lat: number | null): LonLat | null {
  return lon === null || lat === null ? null : lonLat(lon, lat);
}

function jsonArray<T>(text: string | null): T[] {
  return text === null ? [] : (JSON.parse(text) as T[]);
}

export function incidentRowToSummary(row: IncidentSummaryRow): IncidentSummary {
  return {
    seq: row.seq,
    id: row.id as IncidentId,
    type: row.type as IncidentType,
    occurredAt: row.occurred_at,
    occurredPrecision: row.occurred_precision as TimePrecision,
    reportedAt: row.reported_at,
    position: point(row.lon, row.lat),
    locationPrecision: row.location_precision as LocationPrecision,
    pcode: row.pcode,
    generalPosition: point(row.general_lon, row.general_lat),
    sensitive: row.sensitive === 1,
    description: row.description,
    casualties: { killed: row.killed, injured: row.injured, abducted: row.abducted },
    source: {
      kind: row.source_kind as SourceKind,
      reliability: row.source_reliability as SourceReliability,
      credibility: row.source_credibility as InformationCredibility,
    },
    classification: row.classification as ClassificationLevel,
    restrictedTo: jsonArray<string>(row.restricted_to),
    verification: row.verification as VerificationState,
    mergedInto: row.merged_into as IncidentId | null,
    corroborations: row.corroborations,
    createdBy: row.created_by,
    createdOrg: row.created_org,
  };
}

export function incidentRowToIncident(row: IncidentRow): Incident {
  const summary = incidentRowToSummary(row);
  return {
    ...summary,
    occurredDay: row.occurred_day,
    occurredWeek: row.occurred_week,
    actors: jsonArray<IncidentActor>(row.actors),
    source: { ...summary.source, reference: row.source_reference },
    claim:
      row.claimed_by === null || row.claimed_at === null
        ? null
        : {
            by: row.claimed_by,
            name: row.claimed_by_name ?? row.claimed_by,
            organisation: row.claimed_org_name,
            at: row.claimed_at,
          },
    mergedAt: row.merged_at,
    mergedBy: row.merged_by,
    relatedSites: jsonArray<RelatedSite>(row.related_sites),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** What a row holds beyond the incident itself, made by the caller (they need the communes). */
export interface DerivedColumns {
  readonly searchText: string;
  readonly feature: string;
  readonly featureGeneralised: string | null;
}

/** The row of an incident. */
export function incidentToRow(i: Incident, derived: DerivedColumns): NewIncidentRow {
  return {
    id: i.id,
    type: i.type,
    occurred_at: i.occurredAt,
    occurred_precision: i.occurredPrecision,
    occurred_day: i.occurredDay,
    occurred_week: i.occurredWeek,
    reported_at: i.reportedAt,
    lon: i.position?.[0] ?? null,
    lat: i.position?.[1] ?? null,
    location_precision: i.locationPrecision,
    pcode: i.pcode,
    general_lon: i.generalPosition?.[0] ?? null,
    general_lat: i.generalPosition?.[1] ?? null,
    sensitive: i.sensitive ? 1 : 0,
    description: i.description,
    search_text: derived.searchText,
    feature: derived.feature,
    feature_generalised: derived.featureGeneralised,
    killed: i.casualties.killed,
    injured: i.casualties.injured,
    abducted: i.casualties.abducted,
    actors: JSON.stringify(i.actors),
    source_kind: i.source.kind,
    source_reliability: i.source.reliability,
    source_credibility: i.source.credibility,
    source_reference: i.source.reference,
    classification: i.classification,
    restricted_to: i.restrictedTo.length > 0 ? JSON.stringify(i.restrictedTo) : null,
    verification: i.verification,
    claimed_by: i.claim?.by ?? null,
    claimed_by_name: i.claim?.name ?? null,
    claimed_org_name: i.claim?.organisation ?? null,
    claimed_at: i.claim?.at ?? null,
    merged_into: i.mergedInto,
    merged_at: i.mergedAt,
    merged_by: i.mergedBy,
    corroborations: i.corroborations,
    related_sites: JSON.stringify(i.relatedSites),
    created_by: i.createdBy,
    created_org: i.createdOrg,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    version: i.version,
  };
}

export function verificationRowToStep(row: IncidentVerificationTable): VerificationStep {
  return {
    from: row.from_state as VerificationState,
    to: row.to_state as VerificationState,
    reason: row.reason,
    at: row.at,
    by: { name: row.actor_name, organisation: row.org_name },
  };
}

/** A report the duplicate rule may compare: its summary, and its day and week. */
export type DuplicateCandidate = IncidentSummary & Pick<Incident, 'occurredDay' | 'occurredWeek'>;

export function candidateRowToCandidate(
  row: IncidentSummaryRow & Pick<IncidentRow, 'occurred_day' | 'occurred_week'>,
): DuplicateCandidate {
  return {
    ...incidentRowToSummary(row),
    occurredDay: row.occurred_day,
    occurredWeek: row.occurred_week,
  };
}

/** What the duplicate rule compares. */
export function duplicateFactsOf(i: DuplicateCandidate): DuplicateFacts {
  return {
    type: i.type,
    occurredAt: i.occurredAt,
    occurredPrecision: i.occurredPrecision,
    occurredDay: i.occurredDay,
    occurredWeek: i.occurredWeek,
    position: i.locationPrecision === 'unknown' ? null : i.position,
    locationPrecision: i.locationPrecision,
    pcode: i.pcode,
  };
}

/**
 * A position in a list, newest first: the instant the incident occurred (ms) and the store's
 * number for ties. Sent to clients as an opaque cursor.
 */
export interface ListPosition {
  readonly t: number;
  readonly seq: number;
}

export function encodeCursor(p: ListPosition): string {
  return Buffer.from(`${p.t}.${p.seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition {
  const match = /^(-?\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) {
    throw new KonbitError(
      'ValidationFailed',
      'cursor is not one this API gave; pass nextCursor from the previous page unchanged',
      'cursor',
    );
  }
  return { t: Number(match[1]), seq: Number(match[2]) };
}
