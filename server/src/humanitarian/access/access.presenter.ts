/** The fields of an access constraint that leave the server. */
import {
  ACCESS_CATEGORY_LABELS,
  isOpenOn,
  type AccessConstraint as AccessConstraintView,
} from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { AccessConstraint } from './access.js';

/** `today`: the server's Port-au-Prince day, which decides `open`. */
export function presentAccessConstraint(
  c: AccessConstraint,
  areas: Areas,
  today: string,
): AccessConstraintView {
  return {
    id: c.id,
    category: c.category,
    categoryLabel: ACCESS_CATEGORY_LABELS[c.category],
    severity: c.severity,
    scope: c.scope,
    geometry: c.geometry,
    communes: c.pcodes.map((pcode) => ({ pcode, name: areas.get(pcode)?.name ?? pcode })),
    place: c.place,
    description: c.description,
    start: c.start,
    end: c.end,
    open: isOpenOn(c, today),
    source: { ...c.source },
    classification: c.classification,
    ...(c.classification === 'restricted' ? { restrictedTo: [...c.restrictedTo] } : {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
