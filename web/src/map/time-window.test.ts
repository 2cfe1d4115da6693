import type { LocalDate } from '@konbit/core';
import { describe, expect, it } from 'vitest';
import { lengthOf, shift, windowEnding } from './time-window';

const day = (d: string) => d as LocalDate;

describe('the time window', () => {
  it('ends on the chosen day and counts both ends', () => {
    const w = windowEnding(day('2023-06-08'), 7);
    expect(w).toEqual({ from: '2023-06-02', to: '2023-06-08' });
    expect(lengthOf(w)).toBe(7);
    expect(lengthOf(windowEnding(day('2023-06-08'), 1))).toBe(1);
  });

  it('steps back and forward keeping its length, across a month end', () => {
    const w = windowEnding(day('2023-03-31'), 7);
    expect(shift(w, 1, day('2023-06-08'))).toEqual({ from: '2023-03-26', to: '2023-04-01' });
    expect(shift(w, -1, day('2023-06-08'))).toEqual({ from: '2023-03-24', to: '2023-03-30' });
  });

  it('never goes past the last day', () => {
    const w = windowEnding(day('2023-06-07'), 30);
    expect(shift(w, 5, day('2023-06-08'))).toEqual(windowEnding(day('2023-06-08'), 30));
  });
});
