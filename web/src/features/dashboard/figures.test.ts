import { describe, expect, it } from 'vitest';
import type { ListedFigure } from '../../api/client';
import { groupFigures } from './figures';

function figure(over: Partial<ListedFigure> & { id: string }): ListedFigure {
  return {
    metric: 'idps',
    value: 1,
    unit: 'people',
    qualifier: 'exact',
    place: { pcode: 'HT', name: 'Haïti', level: 0 },
    asOf: '2023-06-08',
    source: { organisation: 'IOM', title: 't', url: null, published: null, method: null },
    confidence: null,
    context: null,
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
