/**
 * How each kind of change-log entry is shown on the live feed: the same presenters the API
 * uses, applied after the access policy. An entity without a presenter here is never sent.
 */
import type { Areas } from '../areas/areas.js';
import type { ChangeEntry } from '../changelog/changelog.js';
import type { Figure } from '../figures/figure.js';
import { presentFigure } from '../figures/figure.presenter.js';
import type { Incident } from '../incidents/incident.js';
import { presentIncidentFeature } from '../incidents/incident.presenter.js';
import { presentOrganisation, type Organisation } from '../orgs/organisation.js';
import type { Actor } from '../policy/actor.js';

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

export function feedPresenters(areas: Areas): ReadonlyMap<string, FeedPresenter> {
  return new Map<string, FeedPresenter>([
    ['figure', (_actor, e) => presentFigure(e.payload as Figure, areas)],
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
  ]);
}
