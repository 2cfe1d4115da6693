/**
 * Critical sites, tasking and force generation: the vocabularies the mission's key picture is
 * built from.
 */
import type { Brand } from '../ids.js';

export const SITE_KINDS = [
  'airport',
  'seaport',
  'fuel-terminal',
  'power',
  'water',
  'hospital',
  'road-corridor',
  'government',
  'telecom',
  'other',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** How exactly a site's position is known; `commune` means placed at the commune centroid. */
export const SITE_PRECISIONS = ['exact', 'neighbourhood', 'commune'] as const;
export type SitePrecision = (typeof SITE_PRECISIONS)[number];

/** A site's security posture. */
export const SITE_STATUSES = [
  'unknown',
  'secured',
  'contested',
  'threatened',
  'lost',
  'closed',
] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

/** Statuses that raise an alert when a site moves into them. */
export const ALERTING_SITE_STATUSES: readonly SiteStatus[] = ['threatened', 'lost'];

/** Whose personnel a unit is: force personnel free HNP officers; HNP units do not. */
export const UNIT_SERVICES = ['force', 'police'] as const;
export type UnitService = (typeof UNIT_SERVICES)[number];

export const ASSIGNMENT_STATES = ['planned', 'active', 'ended'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** What a contingent or unit brings. */
export const FORCE_CAPABILITIES = [
  'formed-police-unit',
  'infantry',
  'medical',
  'engineering',
  'aviation',
  'maritime',
  'logistics',
  'unspecified',
] as const;
export type ForceCapability = (typeof FORCE_CAPABILITIES)[number];

/** A pledge line's status, in the order it normally moves. */
export const PLEDGE_STATUSES = [
  'considering',
  'pledged',
  'authorised',
  'deployed',
  'withdrawn',
] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export const MILESTONE_KINDS = [
  'host-government-request',
  'unsc-resolution',
  'national-approval',
  'status-of-forces-agreement',
  'deployment',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_STATUSES = ['pending', 'adopted', 'rejected', 'vetoed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const ALERT_KINDS = ['site-status', 'incident-near-site'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Ids of the records of these concepts, branded so one cannot be passed for another. */
export type SiteId = Brand<string, 'SiteId'>;
export type SiteStatusChangeId = Brand<string, 'SiteStatusChangeId'>;
export type SiteReleaseId = Brand<string, 'SiteReleaseId'>;
export type UnitId = Brand<string, 'UnitId'>;
export type AssignmentId = Brand<string, 'AssignmentId'>;
export type ContributionId = Brand<string, 'ContributionId'>;
export type PledgeLineId = Brand<string, 'PledgeLineId'>;
export type MilestoneId = Brand<string, 'MilestoneId'>;
export type AlertId = Brand<string, 'AlertId'>;
