/** The fields of a figure that leave the server. */
import type { Figure as FigureView } from '@konbit/core';
import type { Areas } from '../areas/areas.js';
import type { Figure } from './figure.js';

export function presentFigure(figure: Figure, areas: Areas): FigureView {
  const area = areas.get(figure.pcode);
  return {
    id: figure.id,
    metric: figure.metric,
    value: figure.value,
    unit: figure.unit,
    qualifier: figure.qualifier,
    place: { pcode: figure.pcode, name: area?.name ?? figure.pcode, level: area?.level ?? 0 },
    asOf: figure.asOf,
    source: { ...figure.source },
    confidence: figure.confidence,
    context: figure.context,
    classification: figure.classification,
    ...(figure.classification === 'restricted' ? { restrictedTo: [...figure.restrictedTo] } : {}),
    createdAt: figure.createdAt,
  };
}
