import { describe, expect, it } from 'vitest';
import { HAITI_BBOX, queuePath } from '../../api/desk';
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
