import { describe, expect, it } from 'vitest';
import {
  conflictsAmong,
  DEFAULT_CONFLICT_RULE,
  figuresConflict,
  latestPerMetricAndPlace,
  latestWithConflicts,
  placeKey,
  relativeDifference,
} from './figures.js';

const f = (
  metric: string,
  pcode: string,
  asOf: string,
  createdAt = '2023-06-08T00:00:00Z',
  value = 0,
) => ({
  metric,
  pcode,
  asOf,
  createdAt,
  value,
});

describe('latest figure per metric and place', () => {
  it('keeps the newest as-of date for each metric and place', () => {
    const latest = latestPerMetricAndPlace(
      [
        f('idps', 'HT', '2023-03-31', undefined, 127_977),
        f('idps', 'HT', '2023-06-08', undefined, 165_000),
        f('idps', 'HT0111', '2023-03-31', undefined, 61_817),
      ],
      '2023-06-08',
    );
    expect(latest.map((x) => x.value).sort()).toEqual([165_000, 61_817].sort());
  });

  it('ignores figures dated after today', () => {
    const latest = latestPerMetricAndPlace(
      [f('idps', 'HT', '2023-03-31', undefined, 1), f('idps', 'HT', '2023-11-30', undefined, 2)],
      '2023-06-08',
    );
    expect(latest.map((x) => x.value)).toEqual([1]);
  });

  it('breaks a same-day tie by the later recording', () => {
    const latest = latestPerMetricAndPlace(
      [
        f('injured', 'HT0811', '2023-06-06', '2023-06-07T10:00:00Z', 36),
        f('injured', 'HT0811', '2023-06-06', '2023-06-07T11:00:00Z', 32),
      ],
      '2023-06-08',
    );
    expect(latest.map((x) => x.value)).toEqual([32]);
  });
});

const obs = (
  id: string,
  organisation: string,
  asOf: string,
  value: number,
  place: { pcode?: string; idpSiteId?: string; hazardEventId?: string } = {},
) => ({
  id,
  metric: 'idps',
  pcode: place.pcode ?? 'HT0111',
  idpSiteId: place.idpSiteId ?? null,
  hazardEventId: place.hazardEventId ?? null,
  asOf,
  createdAt: `${asOf}T12:00:00Z`,
  value,
  source: { organisation },
});

describe('conflicting figures', () => {
  it('flags different sources 29 days apart that differ by more than 10%', () => {
    expect(
      figuresConflict(obs('a', 'IOM', '2023-05-10', 100), obs('b', 'OCHA', '2023-06-08', 89)),
    ).toBe(true);
  });

  it('flags them exactly 30 days apart, the edge of the window', () => {
    expect(
      figuresConflict(obs('a', 'IOM', '2023-05-09', 100), obs('b', 'OCHA', '2023-06-08', 89)),
    ).toBe(true);
  });

  it('does not flag them 31 days apart', () => {
    expect(
      figuresConflict(obs('a', 'IOM', '2023-05-08', 100), obs('b', 'OCHA', '2023-06-08', 89)),
    ).toBe(false);
  });

  it('does not flag values 9% apart, and flags values 11% apart', () => {
    const a = obs('a', 'IOM', '2023-06-01', 100_000);
    expect(relativeDifference(100_000, 91_000)).toBeCloseTo(0.09);
    expect(figuresConflict(a, obs('b', 'OCHA', '2023-06-02', 91_000))).toBe(false);
    expect(figuresConflict(a, obs('c', 'OCHA', '2023-06-02', 89_000))).toBe(true);
    // Symmetric: the share is of the larger value, whichever comes first.
    expect(figuresConflict(obs('c', 'OCHA', '2023-06-02', 89_000), a)).toBe(true);
  });

  it('never flags the same source twice, however far apart its numbers', () => {
    expect(
      figuresConflict(obs('a', 'IOM', '2023-06-01', 100), obs('b', ' iom ', '2023-06-02', 10)),
    ).toBe(false);
  });

  it('compares only the same metric and place (site and hazard event included)', () => {
    const a = obs('a', 'IOM', '2023-06-01', 100);
    expect(figuresConflict(a, { ...obs('b', 'OCHA', '2023-06-01', 10), metric: 'deaths' })).toBe(
      false,
    );
    expect(figuresConflict(a, obs('b', 'OCHA', '2023-06-01', 10, { pcode: 'HT0112' }))).toBe(false);
    expect(figuresConflict(a, obs('b', 'OCHA', '2023-06-01', 10, { idpSiteId: 's1' }))).toBe(false);
    expect(figuresConflict(a, obs('b', 'OCHA', '2023-06-01', 10, { hazardEventId: 'h' }))).toBe(
      false,
    );
  });

  it('takes the window from the rule, so it can be set', () => {
    const a = obs('a', 'IOM', '2023-06-01', 100);
    const b = obs('b', 'OCHA', '2023-06-09', 50);
    expect(figuresConflict(a, b)).toBe(true);
    expect(figuresConflict(a, b, { ...DEFAULT_CONFLICT_RULE, windowDays: 7 })).toBe(false);
  });

  it('lists the conflicts of every figure in a set', () => {
    const map = conflictsAmong([
      obs('a', 'IOM', '2023-06-01', 100),
      obs('b', 'OCHA', '2023-06-05', 50),
      obs('c', 'IOM', '2023-06-06', 52),
      obs('d', 'DGPC', '2023-09-01', 52),
    ]);
    expect(map.get('a')).toEqual(['b']);
    expect(map.get('b')).toEqual(['a']);
    expect(map.get('c')).toEqual([]);
    expect(map.get('d')).toEqual([]);
  });

  it('returns the latest together with the figure it conflicts with, never hiding it', () => {
    const { figures, conflicts } = latestWithConflicts(
      [
        obs('old', 'IOM DTM', '2023-03-31', 127_977),
        obs('press', 'IOM', '2023-06-08', 165_000),
        obs('rival', 'OCHA', '2023-06-01', 140_000),
        obs('future', 'OCHA', '2023-06-20', 10),
      ],
      '2023-06-08',
    );
    expect(figures.map((f) => f.id)).toEqual(['press', 'rival']);
    expect(conflicts.get('press')).toEqual(['rival']);
    expect(conflicts.get('rival')).toEqual(['press']);
  });

  it('returns the latest alone when nothing conflicts with it', () => {
    const { figures, conflicts } = latestWithConflicts(
      [obs('old', 'IOM DTM', '2023-03-31', 127_977), obs('press', 'IOM', '2023-06-08', 165_000)],
      '2023-06-08',
    );
    expect(figures.map((f) => f.id)).toEqual(['press']);
    expect(conflicts.get('press')).toEqual([]);
  });
});

describe('places of figures', () => {
  it('keeps a latest figure per IDP site and per hazard event apart from the P-code’s own', () => {
    const latest = latestPerMetricAndPlace(
      [
        obs('commune', 'IOM', '2023-06-01', 1),
        obs('site', 'IOM', '2023-06-02', 2, { idpSiteId: 's1' }),
        obs('flood', 'IOM', '2023-06-03', 3, { hazardEventId: 'h1' }),
      ],
      '2023-06-08',
    );
    expect(latest.map((f) => f.id).sort()).toEqual(['commune', 'flood', 'site']);
    expect(placeKey(obs('x', 'a', '2023-01-01', 1))).not.toBe(
      placeKey(obs('x', 'a', '2023-01-01', 1, { idpSiteId: 's1' })),
    );
  });
});
