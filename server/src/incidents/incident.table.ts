/** Incidents and their verification history, as stored. */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface IncidentTable {
  /**
   * The store's own number for the row (SQLite: the rowid), used by the map index, the text
   * index and keyset pagination. Never leaves the server; `id` is the incident's identity.
   */
  seq: Generated<number>;
  id: string;
  type: string;
  /** ISO-8601 UTC. */
  occurred_at: string;
  occurred_precision: string;
  /** The Port-au-Prince day of `occurred_at`, and the Monday of its week (YYYY-MM-DD). */
  occurred_day: string;
  occurred_week: string;
  reported_at: string;
  /** The reported point, or the commune's centroid for a report known to the commune; null when unknown. */
  lon: number | null;
  lat: number | null;
  location_precision: string;
  /** The commune (ADM2) P-code, from the point or as given. */
  pcode: string | null;
  /** For a sensitive report: the commune centroid shown to those who may not see the point. */
  general_lon: number | null;
  general_lat: number | null;
  /** 1 for a sensitive report (sexual violence, abduction of civilians). */
  sensitive: number;
  description: string;
  /** Description, actors and commune folded for search (accents, case and hyphens removed). */
  search_text: string;
  /**
   * The incident as a list presents it (a GeoJSON Feature, JSON text), made by the presenter
   * whenever the row is written: lists of thousands send these as they are.
   */
  feature: string;
  /** For a sensitive report: the same at the commune centroid, for those who may not see the point. */
  feature_generalised: string | null;
  killed: number;
  injured: number;
  abducted: number;
  /** JSON array of `{ type, name }`. */
  actors: string;
  source_kind: string;
  source_reliability: string;
  source_credibility: string;
  source_reference: string | null;
  classification: string;
  restricted_to: string | null;
  verification: string;
  claimed_by: string | null;
  claimed_by_name: string | null;
  claimed_org_name: string | null;
  claimed_at: string | null;
  /** The survivor this report was merged into as a duplicate. */
  merged_into: string | null;
  merged_at: string | null;
  merged_by: string | null;
  /** Reports merged into this one. */
  corroborations: number;
  /** JSON array of `{ id, name }`: critical sites within 1 km, computed when the point is set. */
  related_sites: string;
  created_by: string;
  created_org: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One verification step: who moved the report from which state to which, when and why. */
export interface IncidentVerificationTable {
  id: string;
  incident_id: string;
  /** The incident's version this step made: orders the steps. */
  version: number;
  from_state: string;
  to_state: string;
  reason: string;
  actor: string;
  actor_name: string;
  org: string | null;
  org_name: string | null;
  at: string;
}

export type IncidentRow = Selectable<IncidentTable>;
export type NewIncidentRow = Insertable<IncidentTable>;

/** A part of an acknowledged batch, waiting to be filed (see incident.intake.ts). */
export interface IncidentIntakeTable {
  seq: number;
  received_at: string;
  /** The sender, as JSON. */
  actor: string;
  reports: number;
  /** The checked reports and the fingerprints of the requests that sent them, as JSON. */
  drafts: string;
}
