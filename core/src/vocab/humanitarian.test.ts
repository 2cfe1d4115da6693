import { describe, expect, it } from 'vitest';
import {
  accessCategoryFromLabel,
  activityStatusFromLabel,
  clusterFromLabel,
  CLUSTERS,
  CLUSTER_LABELS,
  organisationTypeFromLabel,
} from './humanitarian.js';

describe('reading the words 3W and access files use', () => {
  it('reads clusters by slug, English label, acronym or French name', () => {
    expect(clusterFromLabel('WASH')).toBe('water-sanitation-hygiene');
    expect(clusterFromLabel('Eau, hygiène et assainissement')).toBe('water-sanitation-hygiene');
    expect(clusterFromLabel('Santé')).toBe('health');
    expect(clusterFromLabel('Shelter/NFI')).toBe('shelter');
    expect(clusterFromLabel('CCCM')).toBe('camp-coordination-camp-management');
    expect(clusterFromLabel('Sécurité alimentaire')).toBe('food-security');
    for (const c of CLUSTERS) {
      expect(clusterFromLabel(c)).toBe(c);
      expect(clusterFromLabel(CLUSTER_LABELS[c])).toBe(c);
    }
    expect(clusterFromLabel('Astronomy')).toBeNull();
  });

  it('reads organisation types, statuses and access categories', () => {
    expect(organisationTypeFromLabel('INGO')).toBe('international-ngo');
    expect(organisationTypeFromLabel('ONG nationale')).toBe('national-ngo');
    expect(organisationTypeFromLabel('UN Agency')).toBe('un-agency');
    expect(activityStatusFromLabel('En cours')).toBe('ongoing');
    expect(activityStatusFromLabel('Active')).toBe('ongoing');
    expect(activityStatusFromLabel('someday')).toBeNull();
    expect(accessCategoryFromLabel('Restriction of movement within the country')).toBe(
      'restriction-of-movement',
    );
    expect(accessCategoryFromLabel('military-operations-or-hostilities')).toBe(
      'military-operations-or-hostilities',
    );
  });
});
