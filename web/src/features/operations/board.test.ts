import type { SiteCollection, TaskingUnit } from '@konbit/core';
import { describe, expect, it } from 'vitest';
import { boardSites, sortSites } from './board';

const ID = (n: number) => `01a221a1-75c9-777f-b99b-ce51a38ddc2${n}`;

function feature(n: number, name: string, over: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    id: ID(n),
    geometry: { type: 'Point', coordinates: [-72.3, 18.5] },
    properties: { name, kind: 'seaport', criticality: n, ...over },
  };
}

const UNIT = { id: ID(9), name: 'Jamaica offered contingent' } as TaskingUnit;
const sites = {
  type: 'FeatureCollection',
  features: [
    feature(1, 'Port', {
      status: {
        status: 'secured',
        at: '2023-06-08T12:00:00Z',
        holder: { organisation: 'HNP', unitId: UNIT.id },
      },
    }),
    feature(2, 'Airport'),
    feature(3, 'Varreux', { status: { status: 'lost', at: '2022-05-03T12:00:00Z', holder: null } }),
  ],
} as unknown as SiteCollection;
const counts = [
  { siteId: ID(1), incidentsNearby: 2, personnelNow: 20, plannedPersonnelNow: 0 },
  { siteId: ID(3), incidentsNearby: 5, personnelNow: 0, plannedPersonnelNow: 40 },
];

describe('the site board rows', () => {
  const rows = boardSites(sites, counts, new Map([[UNIT.id, UNIT]]));

  it('joins each site with its counts, a site without a status reading as unknown with none', () => {
    expect(rows.map((r) => [r.name, r.status, r.incidents, r.personnel, r.planned])).toEqual([
      ['Port', 'secured', 2, 20, 0],
      ['Airport', 'unknown', 0, 0, 0],
      ['Varreux', 'lost', 5, 0, 40],
    ]);
  });

  it('names the holder by organisation and unit', () => {
    expect(rows[0]?.holder).toBe('HNP · Jamaica offered contingent');
    expect(rows[2]?.holder).toBe('');
  });

  it('sorts numbers by value and text by name, either way, without changing its input', () => {
    const names = (list: { name: string }[]) => list.map((r) => r.name);
    expect(names(sortSites(rows, 'incidents', -1))).toEqual(['Varreux', 'Port', 'Airport']);
    expect(names(sortSites(rows, 'name', 1))).toEqual(['Airport', 'Port', 'Varreux']);
    expect(names(sortSites(rows, 'name', -1))).toEqual(['Varreux', 'Port', 'Airport']);
    // A site with no status has no "since": it sorts first ascending.
    expect(names(sortSites(rows, 'since', 1))).toEqual(['Airport', 'Varreux', 'Port']);
    expect(names(rows)).toEqual(['Port', 'Airport', 'Varreux']);
  });
});
