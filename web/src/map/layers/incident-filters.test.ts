import type { LocalDate, Me } from '@konbit/core';
import { describe, expect, it } from 'vitest';
import {
  clusterLabel,
  DEFAULT_VERIFICATION,
  filtersOf,
  modeOf,
  POINTS_FROM_ZOOM,
} from './incident-filters';
import type { LayerState } from './layer';

const state = (options: Record<string, string>, zoom: number | null = 11): LayerState => ({
  me: {} as Me,
  window: { from: '2023-05-30' as LocalDate, to: '2023-06-05' as LocalDate },
  viewport: zoom === null ? null : { bbox: [-72.4, 18.5, -72.2, 18.6], zoom },
  options,
});

describe('the incident layer’s questions', () => {
  it('reads the window as Port-au-Prince days: from the first midnight to the midnight after the last day', () => {
    const f = filtersOf(state({}));
    expect(f.from).toBe('2023-05-30T04:00:00.000Z');
    expect(f.to).toBe('2023-06-06T04:00:00.000Z');
  });

  it('leaves out reports judged false unless every verification box is unticked', () => {
    expect(DEFAULT_VERIFICATION).toBe('unverified,verified,disputed');
    expect(filtersOf(state({})).verification).toBe(DEFAULT_VERIFICATION);
    expect(filtersOf(state({ verification: '' })).verification).toBeUndefined();
    expect(filtersOf(state({ verification: 'verified' })).verification).toBe('verified');
  });

  it('sends a filter only when a box is ticked, as the API takes it (comma-separated)', () => {
    const f = filtersOf(state({ types: 'looting, arson', reliability: '', credibility: '1,2' }));
    expect(f.types).toBe('looting,arson');
    expect(f.reliability).toBeUndefined();
    expect(f.credibility).toBe('1,2');
  });

  it('draws clusters below the points zoom, points from it, and nothing before the map has a view', () => {
    expect(modeOf(state({}, POINTS_FROM_ZOOM - 0.01))).toBe('clusters');
    expect(modeOf(state({}, POINTS_FROM_ZOOM))).toBe('points');
    expect(modeOf(state({}, null))).toBe('waiting');
  });

  it('labels a cluster with its count, exactly, up to 99,999', () => {
    expect(clusterLabel(1)).toBe('1');
    expect(clusterLabel(4_821)).toBe('4821');
    expect(clusterLabel(99_999)).toBe('99999');
    expect(clusterLabel(100_000)).toBe('100k+');
  });
});
