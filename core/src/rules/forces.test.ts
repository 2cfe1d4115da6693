import { describe, expect, it } from 'vitest';
import { MILESTONE_STATUSES, PLEDGE_STATUSES } from '../vocab/sites.js';
import { checkLeadNation, checkMilestoneTransition, checkPledgeTransition } from './forces.js';

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
