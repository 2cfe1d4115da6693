import { describe, expect, it } from 'vitest';
import { HAITI_BBOX, intakePollMs, queuePath } from '../../api/desk';
import { metresBetween } from './distance';

describe('the desk queue’s request', () => {
  const params = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

  it('asks for unverified reports across Haiti when no commune is chosen', () => {
    expect(params(queuePath({ type: '', pcode: '', q: '' }, 20, null))).toEqual({
      verification: 'unverified',
      limit: '20',
      bbox: HAITI_BBOX,
    });
  });

  it('asks for one commune, one type, the trimmed search and the page’s cursor', () => {
    expect(
      params(queuePath({ type: 'looting', pcode: 'HT0114', q: '  petion ville ' }, 20, 'abc')),
    ).toEqual({
      verification: 'unverified',
      limit: '20',
      pcode: 'HT0114',
      types: 'looting',
      q: 'petion ville',
      cursor: 'abc',
    });
  });

  it('leaves out a search of spaces only', () => {
    expect(params(queuePath({ type: '', pcode: '', q: '   ' }, 20, null)).q).toBeUndefined();
  });
});

describe('the distance between two reports', () => {
  it('is zero for the same point', () => {
    expect(metresBetween([-72.333, 18.55], [-72.333, 18.55])).toBe(0);
  });

  it('is about 111.2 km for one degree of latitude', () => {
    expect(metresBetween([-72.333, 18], [-72.333, 19])).toBeCloseTo(111_195, -1);
  });

  it('shrinks a degree of longitude by the cosine of the latitude', () => {
    const d = metresBetween([-72.334, 18.55], [-72.333, 18.55]);
    expect(d).toBeCloseTo(111.195 * Math.cos((18.55 * Math.PI) / 180), 1);
  });
});

describe('how often the desk asks what waits to be filed', () => {
  const status = (waiting: number, fault: string | null = null) => ({
    waiting,
    oldestReceivedAt: waiting > 0 ? '2023-06-08T12:00:00.000Z' : null,
    fault,
  });

  it('asks every 2 s while reports wait or filing fails, every 15 s otherwise', () => {
    expect(intakePollMs(status(1200))).toBe(2_000);
    expect(intakePollMs(status(0, 'Filing has failed since …'))).toBe(2_000);
    expect(intakePollMs(status(0))).toBe(15_000);
    // Before the first answer (or after a failed request) it does not hammer the server.
    expect(intakePollMs(undefined)).toBe(15_000);
  });
});
