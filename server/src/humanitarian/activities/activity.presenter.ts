/** The fields of a 3W activity that leave the server. */
import type { Activity as ActivityView } from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { Activity } from './activity.js';

export function presentActivity(a: Activity, areas: Areas): ActivityView {
  const area = areas.get(a.pcode);
  return {
    id: a.id,
    organisation: { ...a.organisation },
    sector: a.sector,
    activity: a.activity,
    place: { pcode: a.pcode, name: area?.name ?? a.pcode, level: area?.level ?? 0 },
    status: a.status,
    start: a.start,
    end: a.end,
    reached: { ...a.reached },
    classification: a.classification,
    ...(a.classification === 'restricted' ? { restrictedTo: [...a.restrictedTo] } : {}),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
