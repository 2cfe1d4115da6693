/** The fields of a figure that leave the server. */
import type { Figure as FigureView } from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import type { Figure } from './figure.js';

/** `conflictsWith`: the readable figures it conflicts with (none on the live feed). */
export function presentFigure(
  figure: Figure,
  areas: Areas,
  conflictsWith: readonly string[] = [],
): FigureView {
  const area = areas.get(figure.pcode);
  return {
    id: figure.id,
    metric: figure.metric,
    value: figure.value,
    unit: figure.unit,
    qualifier: figure.qualifier,
    place: {
      pcode: figure.pcode,
      name: area?.name ?? figure.pcode,
      level: area?.level ?? 0,
      idpSiteId: figure.idpSiteId ?? null,
      hazardEventId: figure.hazardEventId ?? null,
    },
    asOf: figure.asOf,
    periodStart: figure.periodStart ?? null,
    source: { ...figure.source },
    confidence: figure.confidence,
    context: figure.context,
    breakdown: (figure.breakdown ?? []).map((b) => ({ ...b })),
    dtm: figure.dtm ? { ...figure.dtm } : null,
    conflict: conflictsWith.length > 0,
    conflictsWith: [...conflictsWith],
    classification: figure.classification,
    ...(figure.classification === 'restricted' ? { restrictedTo: [...figure.restrictedTo] } : {}),
    createdAt: figure.createdAt,
  };
}
