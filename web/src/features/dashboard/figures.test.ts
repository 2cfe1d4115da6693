import { describe, expect, it } from 'vitest';
import type { ListedFigure } from '../../api/client';
import { groupFigures, isAreaFigure } from './figures';

function figure(over: Partial<ListedFigure> & { id: string }): ListedFigure {
  return {
    metric: 'idps',
    value: 1,
    unit: 'people',
    qualifier: 'exact',
    place: { pcode: 'HT', name: 'Haïti', level: 0, idpSiteId: null, hazardEventId: null },
    asOf: '2023-06-08',
    periodStart: null,
    source: { organisation: 'IOM', title: 't', url: null, published: null, method: null },
    confidence: null,
    context: null,
    breakdown: [],
    dtm: null,
    conflict: false,
    conflictsWith: [],
    classification: 'public',
    createdAt: '2023-06-08T16:00:00.000Z',
    ...over,
  };
}

describe('grouping figures for display', () => {
  it('keeps the latest figure per metric and place when no conflict is flagged', () => {
    const groups = groupFigures([
      figure({ id: 'a', asOf: '2023-03-31', value: 127_977 }),
      figure({ id: 'b', asOf: '2023-06-08', value: 165_000 }),
      figure({ id: 'c', metric: 'deaths', value: 51 }),
    ]);
    expect(groups.map((g) => [g.metric, g.conflict, g.figures.map((f) => f.id)])).toEqual([
      ['idps', false, ['b']],
      ['deaths', false, ['c']],
    ]);
  });

  it('keeps figures about a hazard or an IDP site apart from the area they lie in', () => {
    const place = (over: Partial<ListedFigure['place']>): ListedFigure['place'] => ({
      pcode: 'HT',
      name: 'Haïti',
      level: 0,
      idpSiteId: null,
      hazardEventId: null,
      ...over,
    });
    const groups = groupFigures([
      figure({ id: 'all', metric: 'deaths', value: 51 }),
      figure({ id: 'quake', metric: 'deaths', value: 4, place: place({ hazardEventId: 'q' }) }),
      figure({ id: 'site', metric: 'deaths', value: 1, place: place({ idpSiteId: 's' }) }),
    ]);
    expect(groups.map((g) => [g.subject, g.figures.map((f) => f.id)])).toEqual([
      [null, ['all']],
      ['hazard:q', ['quake']],
      ['idp-site:s', ['site']],
    ]);
    expect(groups.filter((g) => g.figures.every(isAreaFigure)).map((g) => g.subject)).toEqual([
      null,
    ]);
  });

  it('shows every flagged figure, newest first, when sources disagree', () => {
    const [group] = groupFigures([
      figure({ id: 'dtm', asOf: '2023-05-20', value: 127_977, conflict: true }),
      figure({ id: 'press', asOf: '2023-06-08', value: 165_000, conflict: true }),
    ]);
    expect(group?.conflict).toBe(true);
    expect(group?.figures.map((f) => f.id)).toEqual(['press', 'dtm']);
  });

  it('does not call one flagged figure alone a conflict', () => {
    const [group] = groupFigures([figure({ id: 'x', conflict: true })]);
    expect(group?.conflict).toBe(false);
  });
});
