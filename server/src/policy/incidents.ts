/**
 * Which fields of an incident a user may correct. Analysts (the roles allowed `incident.edit`)
 * may change any; the reporter may correct what they reported while it is still unverified,
 * but not the grading of the source nor who may read it, which are an analyst's judgement.
 */
import type { VerificationState } from '@konbit/core';
import type { Actor } from './actor.js';
import { can } from './policy.js';

export const INCIDENT_FIELDS = [
  'type',
  'occurredAt',
  'occurredPrecision',
  'location',
  'locationPrecision',
  'pcode',
  'description',
  'casualties',
  'actors',
  'source.kind',
  'source.reference',
  'source.reliability',
  'source.credibility',
  'classification',
  'restrictedTo',
] as const;
export type IncidentField = (typeof INCIDENT_FIELDS)[number];

const ANALYST_ONLY: readonly IncidentField[] = [
  'source.reliability',
  'source.credibility',
  'classification',
  'restrictedTo',
];

export function editableIncidentFields(
  actor: Actor,
  incident: { readonly createdBy: string; readonly verification: VerificationState },
): ReadonlySet<IncidentField> {
  if (can(actor, 'incident.edit')) return new Set(INCIDENT_FIELDS);
  if (
    actor.kind === 'user' &&
    incident.createdBy === actor.userId &&
    incident.verification === 'unverified' &&
    can(actor, 'incident.create')
  ) {
    return new Set(INCIDENT_FIELDS.filter((f) => !ANALYST_ONLY.includes(f)));
  }
  return new Set();
}
