/**
 * The incident layer's questions to the API, as pure functions: clusters or points for a view,
 * and the filters its options and the time window make.
 */
import { missionDayBounds, VERIFICATION_STATES } from '@konbit/core';
import type { IncidentFilters } from '../../api/incidents';
import type { LayerState } from './layer';

/** From this zoom on the map shows points; below it, clusters. */
export const POINTS_FROM_ZOOM = 13;
/** The most points one view asks for; more, and the view says so. */
export const POINTS_LIMIT = 2000;
/** Judged false: hidden unless asked for (the statistics leave them out too). */
export const DEFAULT_VERIFICATION = VERIFICATION_STATES.filter((s) => s !== 'false').join(',');

const csv = (options: Readonly<Record<string, string>>, key: string) =>
  (options[key] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The API filters for the layer's options and the time window (Port-au-Prince days). */
export function filtersOf(state: LayerState): IncidentFilters {
  const { options, window } = state;
  const pick = (key: string) =>
    csv(options, key).length > 0 ? csv(options, key).join(',') : undefined;
  return {
    from: missionDayBounds(window.from).start.toISOString(),
    to: missionDayBounds(window.to).end.toISOString(),
    types: pick('types'),
    // Every box unticked: every state, false reports included.
    verification:
      options['verification'] === undefined ? DEFAULT_VERIFICATION : pick('verification'),
    reliability: pick('reliability'),
    credibility: pick('credibility'),
  };
}

/** Images of cluster counts are named this and the count (see `clusterLabel`). */
export const COUNT_IMAGE_PREFIX = 'incident-count-';

/** A cluster's count as its circle shows it: the number itself, up to 99,999. */
export function clusterLabel(count: number): string {
  return count > 99_999 ? '100k+' : String(count);
}

/** Points when zoomed in, clusters when zoomed out; nothing until the map has a view. */
export function modeOf(state: LayerState): 'clusters' | 'points' | 'waiting' {
  if (!state.viewport) return 'waiting';
  return state.viewport.zoom >= POINTS_FROM_ZOOM ? 'points' : 'clusters';
}
