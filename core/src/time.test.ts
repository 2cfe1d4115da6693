import { describe, expect, it } from 'vitest';
import {
  addDays,
  isLocalDate,
  missionDay,
  missionDayBounds,
  missionInstant,
  missionOffsetMinutes,
  weekStart,
  type LocalDate,
} from './time.js';

describe('Port-au-Prince days', () => {
  it('puts 03:59 UTC on the previous local day in summer (UTC-4)', () => {
    expect(missionDay(new Date('2023-06-09T03:59:00Z'))).toBe('2023-06-08');
    expect(missionDay(new Date('2023-06-09T04:00:00Z'))).toBe('2023-06-09');
  });

  it('uses UTC-5 in winter', () => {
    expect(missionOffsetMinutes(new Date('2023-01-15T12:00:00Z'))).toBe(-300);
    expect(missionOffsetMinutes(new Date('2023-06-15T12:00:00Z'))).toBe(-240);
    expect(missionDay(new Date('2023-01-16T04:30:00Z'))).toBe('2023-01-15');
  });

  it('finds the instant of a local wall-clock time', () => {
    expect(missionInstant('2023-06-08' as LocalDate, 12 * 60).toISOString()).toBe(
      '2023-06-08T16:00:00.000Z',
    );
    expect(missionInstant('2023-01-15' as LocalDate).toISOString()).toBe(
      '2023-01-15T05:00:00.000Z',
    );
  });

  it('gives a 23-hour day when daylight time starts', () => {
    // Haiti moved its clocks forward on 2023-03-12.
    const { start, end } = missionDayBounds('2023-03-12' as LocalDate);
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it('adds days across months', () => {
    expect(addDays('2023-05-31' as LocalDate, 1)).toBe('2023-06-01');
    expect(addDays('2023-06-01' as LocalDate, -7)).toBe('2023-05-25');
  });

  it('accepts only real calendar dates', () => {
    expect(isLocalDate('2023-06-08')).toBe(true);
    expect(isLocalDate('2023-02-30')).toBe(false);
    expect(isLocalDate('2023-6-8')).toBe(false);
  });
});

describe('weeks', () => {
  it('start on the Monday of the week', () => {
    expect(weekStart('2023-06-08' as LocalDate)).toBe('2023-06-05');
    expect(weekStart('2023-06-05' as LocalDate)).toBe('2023-06-05');
    expect(weekStart('2023-06-11' as LocalDate)).toBe('2023-06-05');
    expect(weekStart('2023-01-01' as LocalDate)).toBe('2022-12-26');
  });
});

describe('remembered offsets', () => {
  it('agree with the time-zone database every 17 minutes through 2023, daylight changes included', () => {
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Port-au-Prince',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2024, 0, 1); t += 17 * 60_000) {
      expect(missionDay(new Date(t))).toBe(local.format(new Date(t)));
    }
  });
});
