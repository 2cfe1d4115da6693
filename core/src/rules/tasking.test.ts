import { describe, expect, it } from 'vitest';
import { findUnitClash, type BookedAssignment } from './tasking.js';

const a = (over: Partial<BookedAssignment> & { id: string }): BookedAssignment => ({
  personnel: 50,
  startsAt: '2023-06-10T04:00:00.000Z',
  endsAt: null,
  shift: { pattern: 'round-the-clock' },
  ...over,
});

describe('unit clash check', () => {
  it('accepts assignments that together stay within strength', () => {
    expect(findUnitClash(100, [a({ id: '1' }), a({ id: '2' })])).toBeNull();
  });

  it('finds double-booking: two round-the-clock assignments over strength', () => {
    const clash = findUnitClash(80, [a({ id: '1' }), a({ id: '2' })]);
    expect(clash).toMatchObject({ assigned: 100, strength: 80 });
    expect(clash?.at).toBe(Date.parse('2023-06-10T04:00:00.000Z'));
    expect(clash?.involved.map((x) => x.id).sort()).toEqual(['1', '2']);
  });

  it('finds one assignment alone larger than the unit', () => {
    expect(findUnitClash(40, [a({ id: '1' })])).toMatchObject({ assigned: 50 });
  });

  it('lets the same people work a day shift and a night shift', () => {
    const day = a({
      id: 'd',
      shift: { pattern: 'daily', ranges: [{ from: '06:00', to: '18:00' }] },
    });
    const night = a({
      id: 'n',
      shift: { pattern: 'daily', ranges: [{ from: '18:00', to: '06:00' }] },
    });
    expect(findUnitClash(50, [day, night])).toBeNull();
  });

  it('finds shifts that overlap by an hour, naming the moment', () => {
    const day = a({
      id: 'd',
      shift: { pattern: 'daily', ranges: [{ from: '06:00', to: '18:00' }] },
    });
    const evening = a({
      id: 'e',
      shift: { pattern: 'daily', ranges: [{ from: '17:00', to: '23:00' }] },
    });
    const clash = findUnitClash(60, [day, evening]);
    // 17:00 local on 10 June is 21:00Z.
    expect(clash?.at).toBe(Date.parse('2023-06-10T21:00:00.000Z'));
  });

  it('accepts periods that follow each other without overlap', () => {
    const first = a({ id: '1', endsAt: '2023-06-20T04:00:00.000Z' });
    const second = a({ id: '2', startsAt: '2023-06-20T04:00:00.000Z' });
    expect(findUnitClash(50, [first, second])).toBeNull();
  });

  it('finds an overlap that begins weeks after both periods start', () => {
    const open = a({ id: '1' });
    const later = a({
      id: '2',
      startsAt: '2023-07-15T10:00:00.000Z',
      endsAt: '2023-07-16T10:00:00.000Z',
    });
    expect(findUnitClash(60, [open, later])?.at).toBe(Date.parse('2023-07-15T10:00:00.000Z'));
  });

  it('finds a night shift crossing midnight that overlaps a morning shift', () => {
    const night = a({
      id: 'n',
      shift: { pattern: 'daily', ranges: [{ from: '22:00', to: '07:00' }] },
    });
    const morning = a({
      id: 'm',
      shift: { pattern: 'daily', ranges: [{ from: '06:00', to: '12:00' }] },
    });
    // 06:00 local on 10 June: the night shift began before the period, so it starts at
    // the period's start (00:00 local) and runs to 07:00.
    expect(findUnitClash(60, [night, morning])?.at).toBe(Date.parse('2023-06-10T10:00:00.000Z'));
  });
});
