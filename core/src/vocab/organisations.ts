/**
 * Organisations and roles. Who may *read* a record is decided by the reader's organisation kind;
 * what they may *do* by their role. The policy module on the server applies these.
 */

export const ORG_KINDS = [
  'host-government',
  'police',
  'force-hq',
  'force-contingent',
  'un-agency',
  'ngo',
  'donor',
  // The organisation that runs the platform. Its members read what donors read; the `admin`
  // role, not the kind, grants more (and every such read is audited).
  'operator',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Kinds inside the mission compartment: they read `mission` records. */
export const MISSION_ORG_KINDS: readonly OrgKind[] = [
  'force-hq',
  'force-contingent',
  'police',
  'host-government',
];

/** Kinds inside the humanitarian compartment: they read `humanitarian` records. */
export const HUMANITARIAN_ORG_KINDS: readonly OrgKind[] = ['un-agency', 'ngo'];

export const ROLES = [
  'admin',
  'mission-ops',
  'contingent',
  'police-liaison',
  'humanitarian-im',
  'humanitarian-field',
  'reporter',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that analyse reports and so see exact locations of sensitive records in their compartment. */
export const ANALYST_ROLES: readonly Role[] = ['mission-ops', 'humanitarian-im', 'admin'];

/** The compartment an organisation kind belongs to, if any. */
export function compartmentOf(kind: OrgKind): 'mission' | 'humanitarian' | null {
  if (MISSION_ORG_KINDS.includes(kind)) return 'mission';
  if (HUMANITARIAN_ORG_KINDS.includes(kind)) return 'humanitarian';
  return null;
}
