import { describe, expect, it } from 'vitest';
import { isOpenDuring, isOpenOn } from './access.js';

describe('open access constraints', () => {
  const closed = { start: '2023-05-01', end: '2023-05-31' };
  const lasting = { start: '2023-06-01', end: null };

  it('is open from its first to its last day, both included', () => {
    expect(isOpenOn(closed, '2023-05-01')).toBe(true);
    expect(isOpenOn(closed, '2023-05-31')).toBe(true);
    expect(isOpenOn(closed, '2023-06-01')).toBe(false);
    expect(isOpenOn(closed, '2023-04-30')).toBe(false);
  });

  it('stays open without an end', () => {
    expect(isOpenOn(lasting, '2030-01-01')).toBe(true);
    expect(isOpenOn(lasting, '2023-05-31')).toBe(false);
  });

  it('is open during a period it overlaps by a single day', () => {
    expect(isOpenDuring(closed, '2023-05-31', '2023-06-08')).toBe(true);
    expect(isOpenDuring(closed, '2023-06-01', '2023-06-08')).toBe(false);
    expect(isOpenDuring(lasting, '2023-05-20', '2023-06-01')).toBe(true);
  });
});
