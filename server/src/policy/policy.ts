/**
 * The access policy: the one place that decides who may read, write and see exact detail.
 * Every way data leaves the server (API reads, the live feed, exports, the sitrep) asks here.
 *
 * Reading is decided by the reader's organisation kind, doing by their role:
 * - `public` reaches everyone; `partners` everyone signed in;
 * - `humanitarian` reaches UN agencies and NGOs only; `mission` the force, the police and the
 *   host government only (civil–military separation);
 * - `restricted` reaches the organisations listed on the record;
 * - a `reporter` reads only `public`, `partners` and their own reports;
 * - the `admin` role reads everything, and such reads are audited.
 * Crossing the civil–military line is never done by widening this policy: a generalised copy
 * is released as a record of its own, with its own classification.
 */
import {
  ANALYST_ROLES,
  compartmentOf,
  HUMANITARIAN_ORG_KINDS,
  type ClassificationLevel,
  type LonLat,
  type OrgKind,
  type Role,
} from '@konbit/core';
import type { Actor, UserActor, Writer } from './actor.js';

/** What the policy needs to know about a record to decide who may read it. */
export interface AccessTag {
  readonly classification: ClassificationLevel;
  readonly restrictedTo: readonly string[];
  /** The user (or `system:<name>`) who created it; reporters read their own. */
  readonly createdBy?: string | null;
}

function levelsForKind(kind: OrgKind): ClassificationLevel[] {
  const compartment = compartmentOf(kind);
  const levels: ClassificationLevel[] = ['public', 'partners'];
  if (compartment !== null) levels.push(compartment);
  return levels;
}

/**
 * The readable set for an actor in a form a query can use: levels read by kind, the one
 * organisation whose `restricted` records they read, and whose own records they read.
 */
export interface ReadScope {
  readonly all: boolean;
  readonly levels: readonly ClassificationLevel[];
  readonly restrictedOrg: string | null;
  readonly ownBy: string | null;
}

export function readScope(actor: Actor): ReadScope {
  if (actor.kind === 'system') return { all: true, levels: [], restrictedOrg: null, ownBy: null };
  if (actor.kind === 'anonymous') {
    return { all: false, levels: ['public'], restrictedOrg: null, ownBy: null };
  }
  if (actor.role === 'admin') return { all: true, levels: [], restrictedOrg: null, ownBy: null };
  if (actor.role === 'reporter') {
    return { all: false, levels: ['public', 'partners'], restrictedOrg: null, ownBy: actor.userId };
  }
  return {
    all: false,
    levels: levelsForKind(actor.orgKind),
    restrictedOrg: actor.orgId,
    ownBy: null,
  };
}

const BREADTH: Readonly<Record<ClassificationLevel, number>> = {
  public: 0,
  partners: 1,
  humanitarian: 2,
  mission: 2,
  restricted: 3,
};

/**
 * The tag of a record made from two others (an alert about a report near a site): the narrower
 * of the two. Two different compartments, or two restricted lists, become restricted to the
 * organisations both name (none: administrators alone).
 */
export function narrowestTag(
  a: AccessTag,
  b: AccessTag,
): { classification: ClassificationLevel; restrictedTo: string[] } {
  const [wide, narrow] = BREADTH[a.classification] <= BREADTH[b.classification] ? [a, b] : [b, a];
  if (BREADTH[wide.classification] < BREADTH[narrow.classification]) {
    return { classification: narrow.classification, restrictedTo: [...narrow.restrictedTo] };
  }
  if (wide.classification === narrow.classification && wide.classification !== 'restricted') {
    return { classification: wide.classification, restrictedTo: [] };
  }
  const both = wide.restrictedTo.filter((o) => narrow.restrictedTo.includes(o));
  return { classification: 'restricted', restrictedTo: both };
}

/** May `actor` read a record tagged `tag`? */
export function canRead(actor: Actor, tag: AccessTag): boolean {
  const scope = readScope(actor);
  if (scope.all) return true;
  if (scope.ownBy !== null && tag.createdBy === scope.ownBy) return true;
  if (scope.levels.includes(tag.classification)) return true;
  return (
    tag.classification === 'restricted' &&
    scope.restrictedOrg !== null &&
    tag.restrictedTo.includes(scope.restrictedOrg)
  );
}

/**
 * True when a read by `actor` must be audited: the admin role reading beyond what their
 * organisation kind alone would allow.
 */
export function readNeedsAudit(actor: Actor, tag: AccessTag): boolean {
  if (actor.kind !== 'user' || actor.role !== 'admin') return false;
  return !canRead({ ...actor, role: 'viewer' }, tag);
}

/** Things an actor may do. Checked here, shown to the web app through `/auth/me`. */
export const ACTIONS = [
  'figure.create',
  'organisation.manage',
  'user.manage',
  'token.manage-own',
  'audit.read',
  /** Add and edit critical sites. */
  'site.manage',
  /** Record a site's security posture. */
  'site.status',
  /** Release a plain statement about a site to partners. */
  'site.release',
  /** Units and their assignments to sites. */
  'tasking.manage',
  /** Contributions, pledges, lead nation, mandate milestones. */
  'force.manage',
  'alert.acknowledge',
  'incident.create',
  /** Claim, verify, dispute, mark false, merge. */
  'incident.verify',
  /** Change the allowed fields of an incident. */
  'incident.edit',
  /** IDP sites, hazards, access constraints. */
  'humanitarian.manage',
  /** Who-does-what-where activities. */
  'activity.report',
  'import.hxl',
  /** Export what one may read (HXL, CSV, GeoJSON…). */
  'export',
] as const;
export type Action = (typeof ACTIONS)[number];

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  'mission-ops': [
    'figure.create',
    'site.manage',
    'site.status',
    'site.release',
    'tasking.manage',
    'force.manage',
    'alert.acknowledge',
    'incident.create',
    'incident.verify',
    'incident.edit',
    'export',
    'token.manage-own',
  ],
  contingent: ['site.status', 'alert.acknowledge', 'incident.create', 'export', 'token.manage-own'],
  'police-liaison': [
    'site.status',
    'alert.acknowledge',
    'incident.create',
    'export',
    'token.manage-own',
  ],
  'humanitarian-im': [
    'figure.create',
    'humanitarian.manage',
    'activity.report',
    'import.hxl',
    'incident.create',
    'incident.verify',
    'incident.edit',
    'export',
    'token.manage-own',
  ],
  'humanitarian-field': ['activity.report', 'incident.create', 'export', 'token.manage-own'],
  reporter: ['incident.create', 'token.manage-own'],
  viewer: ['export', 'token.manage-own'],
};

/** May `actor` perform `action` at all? */
export function can(actor: Actor, action: Action): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'anonymous') return false;
  return ROLE_ACTIONS[actor.role].includes(action);
}

export function permissionsOf(actor: UserActor): Action[] {
  return [...ROLE_ACTIONS[actor.role]];
}

export type WriteDecision =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** `Forbidden` when the actor may not do this; `ValidationFailed` when the tag is malformed. */
      readonly code: 'Forbidden' | 'ValidationFailed';
      readonly reason: string;
      readonly field?: string;
    };

/**
 * May `actor` perform `action` producing a record tagged `tag`? Beyond the role, a writer
 * may only classify into a compartment their organisation reads (an NGO cannot file into the
 * mission's), and a `restricted` record must list the writer's own organisation.
 */
export function canWrite(actor: Writer, action: Action, tag: AccessTag): WriteDecision {
  if (!can(actor, action)) {
    return { ok: false, code: 'Forbidden', reason: `Your role may not do this (${action})` };
  }
  if (actor.kind === 'system' || actor.role === 'admin') return { ok: true };
  if (tag.classification === 'restricted') {
    if (tag.restrictedTo.length === 0) {
      return {
        ok: false,
        code: 'ValidationFailed',
        reason: 'A restricted record must list the organisations that may read it',
        field: 'restrictedTo',
      };
    }
    if (!tag.restrictedTo.includes(actor.orgId)) {
      return {
        ok: false,
        code: 'ValidationFailed',
        reason: 'A restricted record must list your own organisation',
        field: 'restrictedTo',
      };
    }
    return { ok: true };
  }
  if (tag.restrictedTo.length > 0) {
    return {
      ok: false,
      code: 'ValidationFailed',
      reason: 'restrictedTo is only for classification "restricted"',
      field: 'restrictedTo',
    };
  }
  if (!levelsForKind(actor.orgKind).includes(tag.classification)) {
    return {
      ok: false,
      code: 'Forbidden',
      reason: `Your organisation may not classify records as "${tag.classification}"`,
      field: 'classification',
    };
  }
  return { ok: true };
}

/** Records whose exact position is sensitive, and the rule for each. */
export type SensitiveLocation =
  /** IDP sites: exact only for UN agencies and NGOs. */
  | { readonly kind: 'idp-site' }
  /** Sensitive incidents: exact only for the reporting organisation and analyst roles. */
  | { readonly kind: 'sensitive-report'; readonly reportingOrg: string | null };

export function seesExactLocation(actor: Actor, what: SensitiveLocation): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'anonymous') return false;
  if (actor.role === 'admin') return true;
  switch (what.kind) {
    case 'idp-site':
      return HUMANITARIAN_ORG_KINDS.includes(actor.orgKind);
    case 'sensitive-report':
      return actor.orgId === what.reportingOrg || ANALYST_ROLES.includes(actor.role);
  }
}

export interface PresentedLocation {
  readonly position: LonLat;
  readonly precision: string;
  /** True when the position shown is the commune centroid instead of the recorded point. */
  readonly generalised: boolean;
}

/**
 * The position `actor` may see for a sensitive record: the exact point, or the centroid of its
 * commune, flagged as generalised.
 */
export function generaliseLocation(
  actor: Actor,
  what: SensitiveLocation,
  exact: { position: LonLat; precision: string },
  communeCentroid: LonLat,
): PresentedLocation {
  if (seesExactLocation(actor, what)) return { ...exact, generalised: false };
  return { position: communeCentroid, precision: 'commune', generalised: true };
}
