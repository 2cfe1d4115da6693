import { describe, expect, it } from 'vitest';
import { SITE_STATUSES, type SiteStatus } from '../vocab/sites.js';
import { checkSiteTransition, nextSiteStatuses } from './site-status.js';

const allowed = (from: SiteStatus | null, to: SiteStatus) => checkSiteTransition(from, to).ok;

describe('site status transitions', () => {
  it('lets anything go to unknown or closed', () => {
    for (const from of SITE_STATUSES) {
      expect(allowed(from, 'unknown'), from).toBe(true);
      expect(allowed(from, 'closed'), from).toBe(true);
    }
  });

  it('marks a site lost only from contested or threatened (or lost again)', () => {
    const from = SITE_STATUSES.filter((s) => allowed(s, 'lost'));
    expect(from).toEqual(['contested', 'threatened', 'lost']);
  });

  it('explains a refused lost with what to report first', () => {
    const check = checkSiteTransition('secured', 'lost');
    expect(check).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /only be marked lost from contested or threatened; it is secured/,
      ),
    });
  });

  it('refuses threatened for a lost site, saying how it is retaken', () => {
    expect(checkSiteTransition('lost', 'threatened')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/contested while it is being retaken/),
    });
  });

  it('lets a lost site be retaken (contested or secured)', () => {
    expect(allowed('lost', 'contested')).toBe(true);
    expect(allowed('lost', 'secured')).toBe(true);
  });

  it('lets a closed site reopen, but not straight into lost', () => {
    expect(allowed('closed', 'secured')).toBe(true);
    expect(allowed('closed', 'lost')).toBe(false);
  });

  it('lets a report repeat the current status (a new holder, a confirmation)', () => {
    for (const s of SITE_STATUSES) expect(allowed(s, s), s).toBe(true);
  });

  it('accepts any status as a site’s first report', () => {
    for (const to of SITE_STATUSES) expect(allowed(null, to), to).toBe(true);
  });

  it('matches the full table', () => {
    const table = Object.fromEntries(
      SITE_STATUSES.map((from) => [from, SITE_STATUSES.filter((to) => allowed(from, to))]),
    );
    expect(table).toEqual({
      unknown: ['unknown', 'secured', 'contested', 'threatened', 'closed'],
      secured: ['unknown', 'secured', 'contested', 'threatened', 'closed'],
      contested: ['unknown', 'secured', 'contested', 'threatened', 'lost', 'closed'],
      threatened: ['unknown', 'secured', 'contested', 'threatened', 'lost', 'closed'],
      lost: ['unknown', 'secured', 'contested', 'lost', 'closed'],
      closed: ['unknown', 'secured', 'contested', 'threatened', 'closed'],
    });
    for (const from of SITE_STATUSES)
      expect([...nextSiteStatuses(from)].sort()).toEqual([...(table[from] ?? [])].sort());
  });
});
