import { describe, expect, it } from 'vitest';
import { isUuid, newId } from './ids.js';

describe('ids', () => {
  it('makes version-7 UUIDs that sort by time', () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('7');
    expect(a < b).toBe(true);
  });

  it('never repeats, across many pools of random bytes', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId(1_700_000_000_000)));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(isUuid(id)).toBe(true);
  });

  it('accepts lower-case UUIDs only', () => {
    expect(isUuid('0190a0b2-7c1e-7d3f-8a4b-1c2d3e4f5a6b')).toBe(true);
    expect(isUuid('0190A0B2-7C1E-7D3F-8A4B-1C2D3E4F5A6B')).toBe(false);
    expect(isUuid('not-a-uuid')).toBe(false);
  });
});
