import { describe, expect, it } from 'vitest';
import { checkReached, reachedTotal, totalReached, type Reached } from './activities.js';

const r = (over: Partial<Reached>): Reached => ({
  total: null,
  women: null,
  men: null,
  girls: null,
  boys: null,
  ...over,
});

describe('people reached', () => {
  it('takes the total given, or the sum of all four parts, or nothing', () => {
    expect(reachedTotal(r({ total: 100, women: 10 }))).toBe(100);
    expect(reachedTotal(r({ women: 1, men: 2, girls: 3, boys: 4 }))).toBe(10);
    expect(reachedTotal(r({ women: 1, men: 2 }))).toBeNull();
  });

  it('refuses parts that add up to more than the total, naming both', () => {
    expect(checkReached(r({ total: 10, women: 6, men: 6 }))).toMatch(
      /12, more than the total of 10/,
    );
    expect(checkReached(r({ total: 12, women: 6, men: 6 }))).toBeNull();
    expect(checkReached(r({ women: 6 }))).toBeNull();
  });

  it('sums what is known and counts the activities that do not say', () => {
    const totals = totalReached([
      { reached: r({ total: 100, women: 40, men: 30 }) },
      { reached: r({ women: 5, men: 5, girls: 5, boys: 5 }) },
      { reached: r({}) },
    ]);
    expect(totals).toEqual({
      activities: 3,
      withReached: 2,
      reached: { total: 120, women: 45, men: 35, girls: 5, boys: 5 },
    });
  });
});
