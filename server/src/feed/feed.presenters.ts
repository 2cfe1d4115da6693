/**
 * How each kind of change-log entry is shown on the live feed: the same presenters the API
 * uses, applied after the access policy. An entity without a presenter here is never sent.
 */
import { missionDay } from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import type { ChangeEntry } from '../changelog/changelog.js';
import { systemClock, type Clock } from '../clock/clock.js';
import type { Figure } from '../figures/figure.js';
import { presentFigure } from '../figures/figure.presenter.js';
import type { AccessConstraint } from '../humanitarian/access/access.js';
import { presentAccessConstraint } from '../humanitarian/access/access.presenter.js';
import type { Activity } from '../humanitarian/activities/activity.js';
import { presentActivity } from '../humanitarian/activities/activity.presenter.js';
import type { HazardEvent } from '../humanitarian/hazards/hazard.js';
import { presentHazardEvent } from '../humanitarian/hazards/hazard.presenter.js';
import type { IdpSite } from '../humanitarian/idp-sites/idp-site.js';
import { presentIdpSite } from '../humanitarian/idp-sites/idp-site.presenter.js';
import type { Incident } from '../incidents/incident.js';
import { presentIncidentFeature } from '../incidents/incident.presenter.js';
import { presentOrganisation, type Organisation } from '../orgs/organisation.js';
import type { Actor } from '../policy/actor.js';
import type { Alert } from '../alerts/alert.js';
import { presentAlert } from '../alerts/alert.presenter.js';
import type { Contribution, Milestone } from '../forces/forces.js';
import { presentContribution, presentMilestone } from '../forces/forces.presenter.js';
import type { AssignmentRecord, Unit } from '../tasking/tasking.js';
import { presentAssignment, presentUnit } from '../tasking/tasking.presenter.js';
import type { Site, SiteRelease, SiteStatusChange } from '../sites/site.js';
import { presentRelease, presentSiteRecord, presentStatusChange } from '../sites/site.presenter.js';

export type FeedPresenter = (actor: Actor, entry: ChangeEntry) => unknown;

function pick(payload: unknown, fields: readonly string[]): Record<string, unknown> {
  const source = (payload ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.filter((f) => source[f] !== undefined).map((f) => [f, source[f]]),
  );
}

const USER_FIELDS = [
  'id',
  'email',
  'name',
  'role',
  'orgId',
  'language',
  'disabledAt',
  'createdAt',
  'passwordChangedAt',
  'revoked',
  'sessionsEnded',
];

export function feedPresenters(
  areas: Areas,
  clock: Clock = systemClock,
): ReadonlyMap<string, FeedPresenter> {
  return new Map<string, FeedPresenter>([
    ['figure', (_actor, e) => presentFigure(e.payload as Figure, areas)],
    // Each reader gets the site's point or its commune centroid, as the policy says.
    ['idp-site', (actor, e) => presentIdpSite(e.payload as IdpSite, actor, areas)],
    ['hazard-event', (_actor, e) => presentHazardEvent(e.payload as HazardEvent, areas)],
    ['activity', (_actor, e) => presentActivity(e.payload as Activity, areas)],
    [
      'access-constraint',
      (_actor, e) =>
        presentAccessConstraint(e.payload as AccessConstraint, areas, missionDay(clock.now())),
    ],
    // The summary, with a sensitive report's point generalised for this reader.
    ['incident', (actor, e) => presentIncidentFeature(actor, e.payload as Incident, areas)],
    ['organisation', (_actor, e) => presentOrganisation(e.payload as Organisation)],
    ['user', (_actor, e) => pick(e.payload, USER_FIELDS)],
    ['session', (_actor, e) => pick(e.payload, ['id', 'userId', 'expiresAt', 'revokedAt'])],
    [
      'api-token',
      (_actor, e) =>
        pick(e.payload, ['id', 'name', 'userId', 'createdAt', 'expiresAt', 'revokedAt']),
    ],
    ['audit', (_actor, e) => pick(e.payload, ['action', 'entity', 'count', 'ids'])],
    ['site', (_actor, e) => presentSiteRecord(e.payload as Site, areas)],
    ['site-status', (_actor, e) => presentStatusChange(e.payload as SiteStatusChange)],
    ['site-release', (_actor, e) => presentRelease(e.payload as SiteRelease)],
    ['alert', (_actor, e) => presentAlert(e.payload as Alert)],
    ['unit', (_actor, e) => presentUnit(e.payload as Unit)],
    ['assignment', (_actor, e) => presentAssignment(e.payload as AssignmentRecord)],
    ['force-contribution', (_actor, e) => presentContribution(e.payload as Contribution)],
    ['mandate-milestone', (_actor, e) => presentMilestone(e.payload as Milestone)],
  ]);
}
