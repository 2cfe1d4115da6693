import type { Activity } from '@konbit/core';
import { describe, expect, it } from 'vitest';
import { byClusterAndCommune } from './tables';

function activity(
  id: string,
  sector: Activity['sector'],
  pcode: string,
  name: string,
  total: number | null,
): Activity {
  return {
    id,
    organisation: { name: 'Partner NGO (illustrative)', acronym: null, type: 'national-ngo' },
    sector,
    activity: 'Illustrative activity',
    place: { pcode, name, level: 2 },
    status: 'ongoing',
    start: null,
    end: null,
    reached: { total, women: null, men: null, girls: null, boys: null },
    classification: 'partners',
    createdAt: '2023-06-01T00:00:00.000Z',
    updatedAt: '2023-06-01T00:00:00.000Z',
  };
}

describe('the 3W summary by cluster and commune', () => {
  it('counts activities and sums people reached per cluster and commune, an unknown reach as none', () => {
    const groups = byClusterAndCommune([
      activity('00000000-0000-4000-8000-000000000001', 'health', 'HT0117', 'Cité Soleil', 600),
      activity('00000000-0000-4000-8000-000000000002', 'health', 'HT0117', 'Cité Soleil', null),
      activity('00000000-0000-4000-8000-000000000003', 'health', 'HT0112', 'Delmas', 50),
      activity('00000000-0000-4000-8000-000000000004', 'education', 'HT0117', 'Cité Soleil', 10),
    ]);
    expect(groups.map((g) => [g.sector, g.pcode, g.activities, g.reached])).toEqual([
      ['education', 'HT0117', 1, 10],
      ['health', 'HT0117', 2, 600],
      ['health', 'HT0112', 1, 50],
    ]);
  });

  it('is empty for no activity', () => {
    expect(byClusterAndCommune([])).toEqual([]);
  });
});
