import { describe, expect, it } from 'vitest';
import { latestPerMetricAndPlace } from './figures.js';

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
