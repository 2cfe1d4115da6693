import { describe, expect, it } from 'vitest';
import { lonLat } from '../geo.js';
import { missionDay, weekStart } from '../time.js';
import { INCIDENT_TYPES, VERIFICATION_STATES, type VerificationState } from '../vocab/incidents.js';
import {
  activeClaim,
  claimExpiry,
  defaultIncidentClassification,
  duplicateSearchWindow,
  isPossibleDuplicate,
  isSensitive,
  locationProblem,
  mergeProblem,
  pastInstantProblem,
  sensitiveClassificationAllowed,
  verificationStepProblem,
  type DuplicateFacts,
} from './incidents.js';

describe('the incident taxonomy', () => {
  it('has the ACLED-aligned types and the mission’s own, once each', () => {
    expect(INCIDENT_TYPES).toEqual([
      'armed-clash',
      'attack',
      'abduction-kidnapping',
      'roadblock-checkpoint',
      'looting',
      'arson',
      'sexual-violence',
      'attack-on-site',
      'protest',
      'riot',
      'explosion',
      'hazard-impact',
      'other',
    ]);
    expect(new Set(INCIDENT_TYPES).size).toBe(INCIDENT_TYPES.length);
  });
});

describe('sensitive reports', () => {
  it('treats sexual violence as sensitive whoever the actors', () => {
    expect(isSensitive('sexual-violence', [])).toBe(true);
    expect(isSensitive('sexual-violence', [{ type: 'gang' }])).toBe(true);
  });

  it('treats an abduction of civilians, or of unnamed victims, as sensitive', () => {
    expect(isSensitive('abduction-kidnapping', [{ type: 'gang' }, { type: 'civilians' }])).toBe(
      true,
    );
    expect(isSensitive('abduction-kidnapping', [])).toBe(true);
    expect(isSensitive('abduction-kidnapping', [{ type: 'gang' }, { type: 'police' }])).toBe(false);
  });

  it('does not treat other types as sensitive', () => {
    for (const t of INCIDENT_TYPES.filter(
      (t) => t !== 'sexual-violence' && t !== 'abduction-kidnapping',
    )) {
      expect(isSensitive(t, [{ type: 'civilians' }])).toBe(false);
    }
  });

  it('classifies by the reporter’s compartment, and asks outsiders to choose', () => {
    expect(defaultIncidentClassification('force-hq')).toBe('mission');
    expect(defaultIncidentClassification('police')).toBe('mission');
    expect(defaultIncidentClassification('ngo')).toBe('humanitarian');
    expect(defaultIncidentClassification('un-agency')).toBe('humanitarian');
    expect(defaultIncidentClassification('donor')).toBeNull();
    expect(defaultIncidentClassification(null)).toBeNull();
  });

  it('keeps a sensitive report within the reporter’s compartment or restricted', () => {
    expect(sensitiveClassificationAllowed('mission', 'force-hq')).toBe(true);
    expect(sensitiveClassificationAllowed('restricted', 'force-hq')).toBe(true);
    expect(sensitiveClassificationAllowed('partners', 'force-hq')).toBe(false);
    expect(sensitiveClassificationAllowed('public', 'ngo')).toBe(false);
    expect(sensitiveClassificationAllowed('mission', 'ngo')).toBe(false);
  });
});

describe('verification', () => {
  const allowed: [VerificationState, VerificationState][] = [
    ['unverified', 'verified'],
    ['unverified', 'disputed'],
    ['unverified', 'false'],
    ['verified', 'unverified'],
    ['disputed', 'unverified'],
    ['false', 'unverified'],
  ];
  for (const from of VERIFICATION_STATES) {
    for (const to of VERIFICATION_STATES) {
      const ok = allowed.some(([a, b]) => a === from && b === to);
      it(`${ok ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        const problem = verificationStepProblem(from, to);
        if (ok) expect(problem).toBeNull();
        else expect(problem).toMatch(/\w/);
      });
    }
  }

  it('says to reopen a judged report before judging it otherwise', () => {
    expect(verificationStepProblem('verified', 'false')).toMatch(/back to unverified/);
  });
});

describe('claims', () => {
  const claim = { by: 'u1', at: '2023-06-08T10:00:00.000Z' };
  it('holds for eight hours, then lapses', () => {
    expect(activeClaim(claim, new Date('2023-06-08T17:59:59.000Z'))).toEqual(claim);
    expect(activeClaim(claim, new Date('2023-06-08T18:00:00.000Z'))).toBeNull();
    expect(claimExpiry(claim).toISOString()).toBe('2023-06-08T18:00:00.000Z');
    expect(activeClaim(null, new Date())).toBeNull();
  });
});

describe('report fields', () => {
  const now = new Date('2023-06-08T16:00:00.000Z');
  it('refuses a time in the future beyond ten minutes of clock skew, and before 2000', () => {
    expect(pastInstantProblem('2023-06-08T16:09:00.000Z', now, 'occurredAt')).toBeNull();
    expect(pastInstantProblem('2023-06-08T16:11:00.000Z', now, 'occurredAt')).toMatch(/future/);
    expect(pastInstantProblem('1999-12-31T23:59:59.000Z', now, 'occurredAt')).toMatch(/2000/);
  });

  it('needs a point for an exact or neighbourhood place, and none for an unknown one', () => {
    expect(locationProblem({ locationPrecision: 'exact' })?.field).toBe('location');
    expect(locationProblem({ locationPrecision: 'neighbourhood' })?.field).toBe('location');
    expect(locationProblem({ locationPrecision: 'commune' })?.field).toBe('pcode');
    expect(locationProblem({ locationPrecision: 'commune', pcode: 'HT0117' })).toBeNull();
    expect(
      locationProblem({ locationPrecision: 'unknown', location: { lon: -72.3, lat: 18.5 } })?.field,
    ).toBe('location');
    expect(locationProblem({ locationPrecision: 'unknown' })).toBeNull();
  });
});

/** A report at a point `metres` east of the Cité Soleil market and `minutes` after 10:00. */
function report(over: Partial<DuplicateFacts> & { metres?: number; minutes?: number } = {}) {
  const { metres = 0, minutes = 0, ...rest } = over;
  const at = new Date(Date.parse('2023-06-07T14:00:00.000Z') + minutes * 60_000);
  const day = missionDay(at);
  // Metres along the parallel, on the sphere distanceMetres uses.
  const lon =
    -72.338 + metres / (((6_371_008.8 * Math.PI) / 180) * Math.cos((18.58 * Math.PI) / 180));
  return {
    type: 'armed-clash',
    occurredAt: at.toISOString(),
    occurredPrecision: 'exact',
    occurredDay: day,
    occurredWeek: weekStart(day),
    position: lonLat(lon, 18.58),
    locationPrecision: 'exact',
    pcode: 'HT0117',
    ...rest,
  } as DuplicateFacts;
}

describe('possible duplicates', () => {
  const a = report();
  it('matches the same type within 500 m and 2 h, boundaries included', () => {
    expect(isPossibleDuplicate(a, report({ metres: 499.9, minutes: 120 }))).toBe(true);
    expect(isPossibleDuplicate(a, report({ metres: 499.9, minutes: -120 }))).toBe(true);
  });

  it('does not match beyond 500 m or beyond 2 h', () => {
    expect(isPossibleDuplicate(a, report({ metres: 500.1 }))).toBe(false);
    expect(isPossibleDuplicate(a, report({ minutes: 121 }))).toBe(false);
    expect(isPossibleDuplicate(a, report({ minutes: -120.02 }))).toBe(false);
  });

  it('does not match another type', () => {
    expect(isPossibleDuplicate(a, report({ type: 'protest' }))).toBe(false);
  });

  it('widens to the same Port-au-Prince day for a report known to the day', () => {
    const day = report({ occurredPrecision: 'day', minutes: 7 * 60 });
    expect(isPossibleDuplicate(a, day)).toBe(true);
    // 23:30 local on the 7th and 00:30 local on the 8th are 1 h apart but different days.
    const late = report({ minutes: 810, occurredPrecision: 'day' });
    const early = report({ minutes: 870, occurredPrecision: 'day' });
    expect(late.occurredDay).not.toBe(early.occurredDay);
    expect(isPossibleDuplicate(late, early)).toBe(false);
  });

  it('widens to the same week for a report known to the week', () => {
    const week = report({ occurredPrecision: 'week', minutes: 3 * 24 * 60 });
    expect(week.occurredWeek).toBe(a.occurredWeek);
    expect(isPossibleDuplicate(a, week)).toBe(true);
    expect(
      isPossibleDuplicate(a, report({ occurredPrecision: 'week', minutes: 8 * 24 * 60 })),
    ).toBe(false);
  });

  it('widens to 1,500 m for a place known to the neighbourhood', () => {
    const hood = report({ locationPrecision: 'neighbourhood', metres: 1_400 });
    expect(isPossibleDuplicate(a, hood)).toBe(true);
    expect(
      isPossibleDuplicate(a, report({ locationPrecision: 'neighbourhood', metres: 1_600 })),
    ).toBe(false);
  });

  it('widens to the same commune for a place known to the commune', () => {
    const commune = report({ locationPrecision: 'commune', metres: 5_000 });
    expect(isPossibleDuplicate(a, commune)).toBe(true);
    expect(isPossibleDuplicate(a, { ...commune, pcode: 'HT0111' })).toBe(false);
  });

  it('matches an unknown place on time and type alone', () => {
    const nowhere = report({ locationPrecision: 'unknown', position: null, pcode: null });
    expect(isPossibleDuplicate(a, nowhere)).toBe(true);
    expect(isPossibleDuplicate(a, { ...nowhere, type: 'riot' })).toBe(false);
    expect(isPossibleDuplicate(a, { ...nowhere, occurredAt: '2023-06-09T14:00:00.000Z' })).toBe(
      false,
    );
  });

  it('searches ±2 h for an exact time, the local day or the local week otherwise', () => {
    expect(duplicateSearchWindow(a)).toMatchObject({
      from: '2023-06-07T12:00:00.000Z',
      to: '2023-06-07T16:00:00.001Z',
    });
    expect(duplicateSearchWindow({ ...a, occurredPrecision: 'day' })).toMatchObject({
      from: '2023-06-07T04:00:00.000Z',
      to: '2023-06-08T04:00:00.000Z',
    });
    expect(duplicateSearchWindow({ ...a, occurredPrecision: 'week' })).toMatchObject({
      from: '2023-06-05T04:00:00.000Z',
      to: '2023-06-12T04:00:00.000Z',
    });
  });
});

describe('merging', () => {
  const r = (id: string, mergedInto: string | null = null) => ({ id, mergedInto });
  it('refuses merging a report into itself, or into a report merged elsewhere', () => {
    expect(mergeProblem(r('a'), r('a'))).toMatch(/itself/);
    expect(mergeProblem(r('a'), r('b', 'c'))).toMatch(/merge into that report/);
    expect(mergeProblem(r('a', 'c'), r('b'))).toMatch(/already merged/);
    expect(mergeProblem(r('a'), r('b'))).toBeNull();
  });
});
