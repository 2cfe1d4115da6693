/** The fields of a hazard event that leave the server. */
import type { HazardEvent as HazardEventView } from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { HazardEvent } from './hazard.js';

export function presentHazardEvent(h: HazardEvent, areas: Areas): HazardEventView {
  const commune = h.epicentrePcode === null ? undefined : areas.get(h.epicentrePcode);
  return {
    id: h.id,
    type: h.type,
    name: h.name,
    startedAt: h.startedAt,
    endedAt: h.endedAt,
    epicentre: h.epicentre
      ? {
          position: [h.epicentre[0], h.epicentre[1]],
          commune: commune ? { pcode: commune.pcode, name: commune.name } : null,
          onLand: commune !== undefined,
        }
      : null,
    depthKm: h.depthKm,
    magnitude: h.magnitude,
    magnitudeScale: h.magnitudeScale,
    affected: h.affectedPcodes.map((pcode) => {
      const area = areas.get(pcode);
      return { pcode, name: area?.name ?? pcode, level: area?.level ?? 0 };
    }),
    description: h.description,
    sources: h.sources.map((s) => ({ ...s })),
    classification: h.classification,
    ...(h.classification === 'restricted' ? { restrictedTo: [...h.restrictedTo] } : {}),
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}
