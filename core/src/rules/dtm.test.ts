import { describe, expect, it } from 'vitest';
import {
  dtmAssessmentLabel,
  dtmKey,
  dtmMethod,
  dtmPcode,
  sumDtmRecords,
  type DtmRecord,
} from './dtm.js';

const row = (n: number, idps: number, over: Partial<DtmRecord> = {}): DtmRecord => ({
  operation: 'Countrywide monitoring',
  round: 3,
  adminLevel: 0,
  pcode: 'HT',
  reportingDate: '2023-03-31',
  idps,
  males: null,
  females: null,
  reason: 'Insecurity',
  originPcode: 'HT01',
  originName: 'Ouest',
  assessmentType: 'BA',
  row: n,
  ...over,
});

describe('summing DTM rows', () => {
  // The six admin-0 rows of round 3 (2023-03-31) in IOM's published data.
  const round3 = [
    row(1, 3500, { originPcode: 'HT06', originName: 'Centre' }),
    row(2, 296, { originPcode: 'HT09', originName: 'Nord Ouest' }),
    row(3, 122_488),
    row(4, 195, { reason: 'Natural disaster' }),
    row(5, 140, {
      reason: 'No reason for displacement reported',
      originPcode: null,
      originName: 'Not available',
    }),
    row(6, 1358, { reason: 'Other reason' }),
  ];

  it('gives one figure per operation, round, admin level, P-code and date: 127,977 for round 3', () => {
    const [figure, ...rest] = sumDtmRecords(round3);
    expect(rest).toHaveLength(0);
    expect(figure).toMatchObject({
      idps: 127_977,
      round: 3,
      adminLevel: 0,
      pcode: 'HT',
      reportingDate: '2023-03-31',
      assessmentType: 'BA',
      rows: [1, 2, 3, 4, 5, 6],
    });
  });

  it('keeps the split by reason and origin as the breakdown, summing to the total', () => {
    const [figure] = sumDtmRecords(round3);
    const reasons = figure?.breakdown.filter((b) => b.by === 'displacement-reason') ?? [];
    expect(reasons.map((r) => [r.label, r.value])).toEqual([
      ['Insecurity', 126_284],
      ['Natural disaster', 195],
      ['No reason for displacement reported', 140],
      ['Other reason', 1358],
    ]);
    const origins = figure?.breakdown.filter((b) => b.by === 'origin') ?? [];
    expect(origins.reduce((s, o) => s + o.value, 0)).toBe(127_977);
    expect(origins.find((o) => o.key === 'HT01')?.value).toBe(122_488 + 195 + 1358);
    expect(origins.find((o) => o.key === 'unknown')?.label).toBe('Not available');
    expect(figure?.breakdown.some((b) => b.by === 'sex')).toBe(false);
  });

  it('keeps rounds, dates, levels and places apart', () => {
    const figures = sumDtmRecords([
      row(1, 10),
      row(2, 20, { round: 5, reportingDate: '2023-11-30' }),
      row(3, 30, { adminLevel: 2, pcode: 'HT0111' }),
      row(4, 40, { adminLevel: 2, pcode: 'HT0112' }),
      row(5, 5),
    ]);
    expect(figures.map((f) => f.idps)).toEqual([15, 20, 30, 40]);
  });

  it('sums males and females only when every row gives them', () => {
    const both = sumDtmRecords([
      row(1, 10, { males: 4, females: 6 }),
      row(2, 5, { males: 2, females: 3 }),
    ]);
    expect(both[0]?.breakdown.filter((b) => b.by === 'sex').map((b) => b.value)).toEqual([6, 9]);
    const partial = sumDtmRecords([row(1, 10, { males: 4, females: 6 }), row(2, 5)]);
    expect(partial[0]?.breakdown.some((b) => b.by === 'sex')).toBe(false);
  });

  it('makes the same key whatever the case and spacing of the operation name', () => {
    expect(dtmKey(row(1, 1, { operation: ' countrywide  Monitoring ' }))).toBe(dtmKey(row(2, 1)));
  });

  it('states the method as a source does', () => {
    expect(dtmMethod({ round: 3, assessmentType: 'BA' })).toBe('DTM round 3, baseline assessment');
    expect(dtmMethod({ round: 1, assessmentType: null })).toBe('DTM round 1');
    expect(dtmAssessmentLabel('XYZ')).toBe('XYZ');
  });

  it('reads DTM country codes as Konbit P-codes', () => {
    expect(dtmPcode('HTI')).toBe('HT');
    expect(dtmPcode('HT0111')).toBe('HT0111');
    expect(dtmPcode('Not available')).toBeNull();
    expect(dtmPcode('')).toBeNull();
  });
});
