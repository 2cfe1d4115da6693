import { describe, expect, it } from 'vitest';
import { describeShift, mergeIntervals, onDutyIntervals, shiftRangeProblem } from './shifts.js';

const ms = (iso: string) => Date.parse(iso);

describe('shift patterns', () => {
  it('refuses malformed or empty ranges, naming the value', () => {
    expect(shiftRangeProblem({ from: '6:00', to: '18:00' })).toMatch(/start "6:00"/);
    expect(shiftRangeProblem({ from: '06:00', to: '25:00' })).toMatch(/end "25:00"/);
    expect(shiftRangeProblem({ from: '06:00', to: '06:00' })).toMatch(/round-the-clock/);
    expect(shiftRangeProblem({ from: '00:00', to: '24:00' })).toMatch(/round-the-clock/);
    expect(shiftRangeProblem({ from: '18:00', to: '06:00' })).toBeNull();
    expect(shiftRangeProblem({ from: '12:00', to: '24:00' })).toBeNull();
  });

  it('writes a pattern as people do', () => {
    expect(describeShift({ pattern: 'round-the-clock' })).toBe('round the clock');
    expect(
      describeShift({
        pattern: 'daily',
        ranges: [
          { from: '06:00', to: '18:00' },
          { from: '20:00', to: '02:00' },
        ],
      }),
    ).toBe('06:00–18:00, 20:00–02:00');
  });

  it('merges touching intervals', () => {
    expect(
      mergeIntervals([
        [5, 8],
        [1, 3],
        [3, 4],
        [7, 9],
      ]),
    ).toEqual([
      [1, 4],
      [5, 9],
    ]);
  });

  it('gives the on-duty intervals of a night shift in Port-au-Prince time, within the period', () => {
    const got = onDutyIntervals(
      {
        start: ms('2023-06-10T04:00:00Z'),
        end: Infinity,
        shift: { pattern: 'daily', ranges: [{ from: '22:00', to: '02:00' }] },
      },
      [ms('2023-06-10T04:00:00Z'), ms('2023-06-12T04:00:00Z')],
    );
    expect(got.map(([s, e]) => [new Date(s).toISOString(), new Date(e).toISOString()])).toEqual([
      ['2023-06-10T04:00:00.000Z', '2023-06-10T06:00:00.000Z'],
      ['2023-06-11T02:00:00.000Z', '2023-06-11T06:00:00.000Z'],
      ['2023-06-12T02:00:00.000Z', '2023-06-12T04:00:00.000Z'],
    ]);
  });
});
