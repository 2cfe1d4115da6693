/**
 * `kind=activities`: who does what where (3W). One activity per row: organisation, cluster,
 * activity, commune (or department), status, dates and people reached by sex and age.
 */
import {
  ACTIVITY_STATUSES,
  activityStatusFromLabel,
  checkReached,
  CLUSTERS,
  clusterFromLabel,
  ORGANISATION_TYPES,
  organisationTypeFromLabel,
  type CreateActivityRequest,
} from '@konbit/core';
import { activityNaturalKey } from '../../humanitarian/activities/activity.js';
import { findActivitiesByKey } from '../../humanitarian/activities/activity.repository.js';
import { createActivity, updateActivity } from '../../humanitarian/activities/activity.service.js';
import {
  changedFields,
  classificationOf,
  konbitId,
  upsertPlanned,
  type PlannedRecord,
} from '../import.js';
import type { FieldSpecs } from './fields.js';
import { placeOfRow } from './place.js';
import type { KindImporter } from './import.service.js';

const FIELDS = {
  organisation: {
    patterns: ['#org+name', '#org-acronym-type-code-impl-prog-funder'],
    required: true,
  },
  acronym: { patterns: ['#org+acronym'] },
  organisationType: { patterns: ['#org+type'] },
  sector: { patterns: ['#sector+cluster', '#sector-code'], required: true },
  activity: { patterns: ['#activity+name', '#activity-code'], required: true },
  country: { patterns: ['#country+code'] },
  adm1: { patterns: ['#adm1+code'] },
  adm2: { patterns: ['#adm2+code'] },
  level: { patterns: ['#adm+level'] },
  status: { patterns: ['#status'], required: true },
  start: { patterns: ['#date+start'] },
  end: { patterns: ['#date+end'] },
  total: { patterns: ['#reached-f-m-children-adults-hh'] },
  women: { patterns: ['#reached+f+adults'] },
  men: { patterns: ['#reached+m+adults'] },
  girls: { patterns: ['#reached+f+children'] },
  boys: { patterns: ['#reached+m+children'] },
  id: { patterns: ['#meta+id'] },
  classification: { patterns: ['#meta+classification'] },
} as const satisfies FieldSpecs<string>;

type Field = keyof typeof FIELDS;

interface PlannedActivity extends PlannedRecord {
  readonly input: CreateActivityRequest;
}

export interface ActivitiesPlan {
  readonly activities: PlannedActivity[];
  readonly seen: Map<string, number>;
}

export function activityImporter(): KindImporter<Field, ActivitiesPlan> {
  return {
    fields: FIELDS,
    newPlan: () => ({ activities: [], seen: new Map() }),

    read(v, ctx, plan) {
      const name = v.required('organisation', 'The organisation');
      const type =
        v.choice(
          'organisationType',
          'The organisation type',
          organisationTypeFromLabel,
          ORGANISATION_TYPES,
        ) ?? (v.text('organisationType') === null ? 'other' : null);
      const sector = v.choice('sector', 'The cluster', clusterFromLabel, CLUSTERS, true);
      const activity = v.required('activity', 'The activity');
      const status = v.choice(
        'status',
        'The status',
        activityStatusFromLabel,
        ACTIVITY_STATUSES,
        true,
      );
      const start = v.date('start', 'The start date');
      const end = v.date('end', 'The end date');
      if (start !== null && end !== null && end < start)
        v.error('end', `The activity ends (${end}) before it starts (${start})`);
      const reached = {
        total: v.count('total', 'People reached'),
        women: v.count('women', 'Women reached'),
        men: v.count('men', 'Men reached'),
        girls: v.count('girls', 'Girls reached'),
        boys: v.count('boys', 'Boys reached'),
      };
      const problem = checkReached(reached);
      if (problem) v.error('total', problem);
      const place = placeOfRow(
        v,
        ctx.deps.areas,
        { country: 'country', adm1: 'adm1', adm2: 'adm2', level: 'level' },
        { allowNone: false },
      );
      if (!name || !type || !sector || !activity || !status || !place?.pcode || problem) return;
      if (start !== null && end !== null && end < start) return;
      const organisation = {
        name,
        ...(v.text('acronym') ? { acronym: v.text('acronym') as string } : {}),
        type,
      };
      const key = activityNaturalKey({
        organisation: { ...organisation, acronym: organisation.acronym ?? null },
        sector,
        pcode: place.pcode,
        activity,
        start,
      });
      const first = plan.seen.get(key);
      if (first !== undefined) {
        v.error(
          'activity',
          `The same activity (organisation, cluster, place and start) is already on row ${first}`,
        );
        return;
      }
      plan.seen.set(key, v.row);
      const given = Object.fromEntries(Object.entries(reached).filter(([, n]) => n !== null));
      plan.activities.push({
        row: v.row,
        key,
        column: v.columnOf('activity'),
        input: {
          ...konbitId(v.text('id')),
          organisation,
          sector,
          activity,
          pcode: place.pcode,
          status,
          ...(start !== null ? { start } : {}),
          ...(end !== null ? { end } : {}),
          ...(Object.keys(given).length > 0 ? { reached: given } : {}),
          ...classificationOf(v, ctx),
        },
      });
    },

    async write(tx, ctx, plan, errors, counts) {
      await upsertPlanned(tx, ctx, plan.activities, errors, counts, {
        what: 'An activity',
        find: findActivitiesByKey,
        changes: (p, stored) => {
          const reached = p.input.reached;
          const changes = changedFields(
            { status: stored.status, end: stored.end_on },
            { status: p.input.status, end: p.input.end },
          );
          const storedReached = {
            total: stored.reached_total ?? undefined,
            women: stored.reached_women ?? undefined,
            men: stored.reached_men ?? undefined,
            girls: stored.reached_girls ?? undefined,
            boys: stored.reached_boys ?? undefined,
          };
          const reachedChanged =
            reached !== undefined &&
            JSON.stringify(storedReached) !== JSON.stringify({ ...storedReached, ...reached });
          if (!changes && !reachedChanged) return null;
          return { ...changes, ...(reachedChanged ? { reached } : {}) };
        },
        update: (_p, stored, changes) =>
          updateActivity(tx, ctx.actor, ctx.deps, stored.id, changes),
        create: (p) => createActivity(tx, ctx.actor, ctx.deps, p.input),
        created: (c) => {
          c.activities += 1;
        },
      });
    },
  };
}
