/** 3W activities: a domain value and its row mapper. */
import {
  normaliseLabel,
  type ActivityId,
  type ActivityStatus,
  type Cluster,
  type OrganisationType,
  type Reached,
} from '@konbit/core';
import { metaFromRow, metaToRow, type RecordMeta } from '../record.js';
import type { ActivityTable } from './activity.table.js';

/** 3W records are for partners unless the writer says otherwise. */
export const DEFAULT_ACTIVITY_CLASSIFICATION = 'partners';

export interface Activity extends RecordMeta {
  readonly id: ActivityId;
  readonly naturalKey: string;
  readonly organisation: {
    readonly name: string;
    readonly acronym: string | null;
    readonly type: OrganisationType;
  };
  readonly sector: Cluster;
  readonly activity: string;
  readonly pcode: string;
  readonly status: ActivityStatus;
  readonly start: string | null;
  readonly end: string | null;
  readonly reached: Reached;
}

/** Who (by name), which cluster, where, what, from when: the same row in two files is one activity. */
export function activityNaturalKey(
  a: Pick<Activity, 'organisation' | 'sector' | 'pcode' | 'activity' | 'start'>,
): string {
  return [
    normaliseLabel(a.organisation.name),
    a.sector,
    a.pcode,
    normaliseLabel(a.activity),
    a.start ?? '',
  ].join('|');
}

export function activityRowToActivity(row: ActivityTable): Activity {
  return {
    id: row.id as ActivityId,
    naturalKey: row.natural_key,
    organisation: {
      name: row.org_name,
      acronym: row.org_acronym,
      type: row.org_type as OrganisationType,
    },
    sector: row.sector as Cluster,
    activity: row.activity,
    pcode: row.pcode,
    status: row.status as ActivityStatus,
    start: row.start_on,
    end: row.end_on,
    reached: {
      total: row.reached_total,
      women: row.reached_women,
      men: row.reached_men,
      girls: row.reached_girls,
      boys: row.reached_boys,
    },
    ...metaFromRow(row),
  };
}

export function activityToRow(a: Activity): ActivityTable {
  return {
    id: a.id,
    natural_key: a.naturalKey,
    org_name: a.organisation.name,
    org_acronym: a.organisation.acronym,
    org_type: a.organisation.type,
    sector: a.sector,
    activity: a.activity,
    pcode: a.pcode,
    status: a.status,
    start_on: a.start,
    end_on: a.end,
    reached_total: a.reached.total,
    reached_women: a.reached.women,
    reached_men: a.reached.men,
    reached_girls: a.reached.girls,
    reached_boys: a.reached.boys,
    ...metaToRow(a),
  };
}
