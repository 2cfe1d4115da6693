import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../time.js';
import { policeFreed, type FreedAssignment, type FreedSite } from './police-freed.js';
import type { ShiftPattern } from './shifts.js';

const D = (s: string) => s as LocalDate;
const ROUND: ShiftPattern = { pattern: 'round-the-clock' };
const daily = (...ranges: [string, string][]): ShiftPattern => ({
  pattern: 'daily',
  ranges: ranges.map(([from, to]) => ({ from, to })),
});

// June 2023: Port-au-Prince keeps daylight time, UTC-4. Local midnight of 10 June is 04:00Z.
const airport: FreedSite = { id: 'airport', policeRequired: 40, forceRequired: 50 };

const assignment = (over: Partial<FreedAssignment>): FreedAssignment => ({
  siteId: 'airport',
  personnel: 50,
  service: 'force',
  state: 'active',
  startsAt: '2023-06-01T04:00:00.000Z',
  endsAt: null,
  shift: ROUND,
  ...over,
});

const oneDay = (sites: FreedSite[], as: FreedAssignment[], day = '2023-06-10') =>
  policeFreed(sites, as, D(day), D(day));

describe('police freed', () => {
  it('frees the whole baseline for a site covered round the clock all day', () => {
    const r = oneDay([airport], [assignment({})]);
    expect(r.days).toEqual([{ day: '2023-06-10', actual: 40, projected: 40 }]);
    expect(r.sites[0]?.days[0]).toMatchObject({ actualCoverage: 1, projectedCoverage: 1 });
  });

  it('counts a partial day: cover that starts at local noon frees half the baseline', () => {
    const r = oneDay([airport], [assignment({ startsAt: '2023-06-10T16:00:00.000Z' })]);
    expect(r.days[0]).toMatchObject({ actual: 20, projected: 20 });
    expect(r.sites[0]?.days[0]?.actualCoverage).toBe(0.5);
  });

  it('counts a day shift 06:00–18:00 as half a day', () => {
    const r = oneDay([airport], [assignment({ shift: daily(['06:00', '18:00']) })]);
    expect(r.days[0]?.actual).toBe(20);
  });

  it('splits a night shift that crosses midnight between the two days it touches', () => {
    // 18:00–06:00 from noon on 10 June to noon on the 11th: one night, 6 h on each day.
    const night = assignment({
      shift: daily(['18:00', '06:00']),
      startsAt: '2023-06-10T16:00:00.000Z',
      endsAt: '2023-06-11T16:00:00.000Z',
    });
    const r = policeFreed([airport], [night], D('2023-06-10'), D('2023-06-12'));
    expect(r.days.map((d) => d.actual)).toEqual([10, 10, 0]);
    expect(r.sites[0]?.days[0]?.actualCoverage).toBe(0.25);
  });

  it('counts the part of a night shift that falls inside the assignment’s period', () => {
    // From local midnight on the 10th: the tail 00:00–06:00 of the night begun on the 9th.
    const night = assignment({
      shift: daily(['18:00', '06:00']),
      startsAt: '2023-06-10T04:00:00.000Z',
      endsAt: '2023-06-11T04:00:00.000Z',
    });
    expect(oneDay([airport], [night]).days[0]?.actual).toBe(20);
  });

  it('adds overlapping assignments: two half-strength units together cover the site', () => {
    const a = assignment({ personnel: 25 });
    const b = assignment({ personnel: 25, shift: daily(['00:00', '12:00']) });
    const r = oneDay([airport], [a, b]);
    expect(r.days[0]?.actual).toBe(20);
  });

  it('does not double-count two full-strength assignments at the same time', () => {
    const r = oneDay([airport], [assignment({}), assignment({})]);
    expect(r.days[0]?.actual).toBe(40);
  });

  it('frees nobody while the cover is under strength', () => {
    const r = oneDay([airport], [assignment({ personnel: 49 })]);
    expect(r.days[0]).toMatchObject({ actual: 0, projected: 0 });
  });

  it('leaves no gap at a hand-over between shifts', () => {
    const day = assignment({ shift: daily(['06:00', '18:00']) });
    const night = assignment({ shift: daily(['18:00', '06:00']) });
    expect(oneDay([airport], [day, night]).days[0]?.actual).toBe(40);
  });

  it('does not count HNP units: police guarding a site free no police', () => {
    const r = oneDay([airport], [assignment({ service: 'police' })]);
    expect(r.days[0]?.projected).toBe(0);
  });

  it('counts planned assignments in the projection only', () => {
    const r = oneDay([airport], [assignment({ state: 'planned' })]);
    expect(r.days[0]).toEqual({ day: '2023-06-10', actual: 0, projected: 40 });
  });

  it('counts an ended assignment for the time it ran, in both figures', () => {
    // Ended at local noon on the 10th: half a day of cover, then none.
    const ended = assignment({ state: 'ended', endsAt: '2023-06-10T16:00:00.000Z' });
    const r = policeFreed([airport], [ended], D('2023-06-10'), D('2023-06-11'));
    expect(r.days).toEqual([
      { day: '2023-06-10', actual: 20, projected: 20 },
      { day: '2023-06-11', actual: 0, projected: 0 },
    ]);
  });

  it('reports a site without a baseline but leaves it out of the totals', () => {
    const palace: FreedSite = { id: 'palace', policeRequired: null, forceRequired: 10 };
    const r = oneDay([airport, palace], [assignment({ siteId: 'palace', personnel: 10 })]);
    expect(r.days[0]?.actual).toBe(0);
    expect(r.sitesWithoutBaseline).toEqual(['palace']);
    const palaceResult = r.sites.find((s) => s.siteId === 'palace');
    expect(palaceResult).toMatchObject({ actual: null, projected: null });
    expect(palaceResult?.days[0]).toMatchObject({ actualCoverage: 1, actual: null });
  });

  it('sums officer-days over the window and gives the average per day', () => {
    const r = policeFreed(
      [airport],
      [assignment({ startsAt: '2023-06-11T04:00:00.000Z' })],
      D('2023-06-10'),
      D('2023-06-13'),
    );
    expect(r.days.map((d) => d.actual)).toEqual([0, 40, 40, 40]);
    expect(r.total).toEqual({ actual: 120, projected: 120 });
    expect(r.averagePerDay).toEqual({ actual: 30, projected: 30 });
  });

  it('counts a 23-hour day (daylight time starts) by its own length', () => {
    // 2023-03-12: Port-au-Prince moves from UTC-5 to UTC-4 at 02:00; the day lasts 23 hours.
    const r = oneDay(
      [airport],
      [assignment({ startsAt: '2023-03-01T05:00:00.000Z', shift: daily(['12:00', '24:00']) })],
      '2023-03-12',
    );
    expect(r.sites[0]?.days[0]?.actualCoverage).toBeCloseTo(12 / 23, 2);
  });

  it('treats a site with forceRequired 0 as needing one person', () => {
    const r = oneDay(
      [{ id: 'airport', policeRequired: 40, forceRequired: 0 }],
      [assignment({ personnel: 1 })],
    );
    expect(r.days[0]?.actual).toBe(40);
    expect(r.sites[0]?.forceRequired).toBe(1);
  });
});
