/**
 * Incident vocabulary: the type taxonomy (aligned with ACLED's event types, plus what this
 * mission needs), precisions, actors, sources with the Admiralty grading, verification states.
 */

export const INCIDENT_TYPES = [
  'armed-clash',
  'attack',
  'abduction-kidnapping',
  'roadblock-checkpoint',
  'looting',
  'arson',
  'sexual-violence',
  'attack-on-site',
  'protest',
  'riot',
  'explosion',
  'hazard-impact',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** How exactly the time of an incident is known. */
export const TIME_PRECISIONS = ['exact', 'day', 'week'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

/** How exactly the place of an incident (or site) is known. */
export const LOCATION_PRECISIONS = ['exact', 'neighbourhood', 'commune', 'unknown'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

export const ACTOR_TYPES = ['gang', 'police', 'force', 'civilians', 'unknown'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const SOURCE_KINDS = ['patrol', 'hotline', 'sms', 'media', 'partner', 'social'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Admiralty grading: reliability of the source, A (reliable) to F (cannot be judged). */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];

/** Admiralty grading: credibility of the information, 1 (confirmed) to 6 (cannot be judged). */
export const INFORMATION_CREDIBILITY = ['1', '2', '3', '4', '5', '6'] as const;
export type InformationCredibility = (typeof INFORMATION_CREDIBILITY)[number];

export const VERIFICATION_STATES = ['unverified', 'verified', 'disputed', 'false'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];
