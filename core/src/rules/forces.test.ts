import { describe, expect, it } from 'vitest';
import { MILESTONE_STATUSES, PLEDGE_STATUSES } from '../vocab/sites.js';
import {
  checkLeadNation,
  checkMilestoneTransition,
  checkPledgeTransition,
  currentLead,
  forceTotals,
  readinessLines,
} from './forces.js';

describe('pledge status', () => {
  it('moves forward along considering → pledged → authorised → deployed, skipping allowed', () => {
    const table = Object.fromEntries(
      PLEDGE_STATUSES.map((from) => [
        from,
        PLEDGE_STATUSES.filter((to) => checkPledgeTransition(from, to).ok),
      ]),
    );
    expect(table).toEqual({
      considering: ['pledged', 'authorised', 'deployed', 'withdrawn'],
      pledged: ['authorised', 'deployed', 'withdrawn'],
      authorised: ['deployed', 'withdrawn'],
      deployed: ['withdrawn'],
      withdrawn: [],
    });
  });

  it('explains a backward move', () => {
    expect(checkPledgeTransition('deployed', 'pledged')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/it is deployed and cannot become pledged/),
    });
  });
});

describe('mandate milestones', () => {
  it('decides a pending milestone once, and only once', () => {
    for (const to of MILESTONE_STATUSES)
      expect(checkMilestoneTransition('pending', to).ok).toBe(to !== 'pending');
    for (const from of ['adopted', 'rejected', 'vetoed'] as const)
      for (const to of MILESTONE_STATUSES)
        expect(checkMilestoneTransition(from, to).ok).toBe(false);
  });
});

describe('the lead nation', () => {
  const jam = { contributionId: 'c-jam', country: 'JAM' };
  const bhs = { contributionId: 'c-bhs', country: 'BHS' };

  it('lets a country lead when nobody does', () => {
    expect(checkLeadNation(null, jam)).toEqual({ ok: true });
  });

  it('refuses a second lead nation, naming the current one and what to do', () => {
    expect(checkLeadNation(jam, bhs)).toEqual({
      ok: false,
      reason:
        'JAM is already the lead nation; withdraw its lead designation (or its contribution) before designating BHS',
    });
  });

  it('accepts designating the current lead again', () => {
    expect(checkLeadNation(jam, jam).ok).toBe(true);
  });
});

describe('force summary', () => {
  const jam = {
    country: 'JAM',
    countryName: 'Jamaica',
    leadSince: null,
    withdrawnOn: null,
    lines: [
      { capability: 'infantry', personnel: null, status: 'pledged' },
      { capability: 'formed-police-unit', personnel: null, status: 'pledged' },
    ],
  } as const;
  const can = {
    country: 'CAN',
    countryName: 'Canada',
    leadSince: null,
    withdrawnOn: null,
    lines: [],
  } as const;
  const pending = {
    kind: 'unsc-resolution',
    country: null,
    status: 'pending',
    date: null,
    reference: null,
  } as const;
  const request = {
    kind: 'host-government-request',
    country: null,
    status: 'adopted',
    date: '2022-10-07',
    reference: null,
  } as const;

  it('says plainly there is no lead nation and the resolution is pending', () => {
    expect(readinessLines([jam, can], [request, pending])).toEqual([
      'No lead nation designated',
      'Host government request adopted (2022-10-07)',
      'UN Security Council resolution pending',
      '1 country has offered personnel (Jamaica): 0 personnel pledged with a stated number; 2 offers without a number',
      'No personnel deployed',
    ]);
  });

  it('names the lead nation and counts pledged and deployed personnel by capability', () => {
    const ken = {
      country: 'KEN',
      countryName: 'Kenya',
      leadSince: '2023-07-29',
      withdrawnOn: null,
      lines: [
        { capability: 'formed-police-unit', personnel: 1000, status: 'deployed' },
        { capability: 'medical', personnel: 50, status: 'considering' },
        { capability: 'logistics', personnel: 30, status: 'withdrawn' },
      ],
    } as const;
    const totals = forceTotals([ken, jam]);
    expect(totals).toMatchObject({
      considering: 50,
      pledged: 1000,
      deployed: 1000,
      unstatedLines: 2,
    });
    expect(totals.byCountry[0]?.byCapability).toEqual([
      {
        capability: 'formed-police-unit',
        considering: 0,
        pledged: 1000,
        deployed: 1000,
        unstatedLines: 0,
      },
      { capability: 'medical', considering: 50, pledged: 0, deployed: 0, unstatedLines: 0 },
      { capability: 'logistics', considering: 0, pledged: 0, deployed: 0, unstatedLines: 0 },
    ]);
    const lines = readinessLines([ken], []);
    expect(lines[0]).toBe('Lead nation: Kenya (since 2023-07-29)');
    expect(lines).toContain('1000 personnel deployed');
  });

  it('does not count a withdrawn contribution as lead', () => {
    expect(
      currentLead([{ ...jam, leadSince: '2023-01-31', withdrawnOn: '2023-03-01' }]),
    ).toBeNull();
  });
});
