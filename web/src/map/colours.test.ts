import { describe, expect, it } from 'vitest';
import { breaks, classOf, SHADES } from './colours';

describe('shading classes', () => {
  it('makes up to five classes with rounded, increasing breaks', () => {
    const limits = breaks([11_686, 31_299, 61_817, 7_147, 7_820, 6_055, 2_153]);
    expect(limits.length).toBeLessThan(SHADES.length);
    expect([...limits].sort((a, b) => a - b)).toEqual(limits);
    for (const b of limits) expect(String(b)).toMatch(/^\d{1,2}0*$/);
  });

  it('puts the smallest value in the lightest class and the largest in the darkest', () => {
    const values = [10, 200, 3_000, 40_000, 500_000];
    const limits = breaks(values);
    expect(classOf(10, limits)).toBe(0);
    expect(classOf(500_000, limits)).toBe(limits.length);
  });

  it('separates two values, whatever rounding does', () => {
    const limits = breaks([31_299, 61_817]);
    expect(classOf(31_299, limits)).toBe(0);
    expect(classOf(61_817, limits)).toBe(1);
    const close = breaks([1_000, 1_050]);
    expect(classOf(1_000, close)).toBe(0);
    expect(classOf(1_050, close)).toBe(1);
  });

  it('has no breaks for fewer than two values', () => {
    expect(breaks([])).toEqual([]);
    expect(breaks([5])).toEqual([]);
    expect(classOf(5, [])).toBe(0);
  });
});
