import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, useTestApp } from '../../test-support/context.js';

/**
 * RN2 (Route de Carrefour) through Martissant, roughly from the Portail Léogâne side towards
 * Carrefour; the exact vertices are illustrative.
 */
const RN2_MARTISSANT = {
  type: 'LineString',
  coordinates: [
    [-72.3445, 18.5345],
    [-72.3545, 18.5265],
    [-72.3665, 18.5185],
    [-72.3785, 18.5105],
  ],
};

const SOURCE = {
  organisation: 'Le Nouvelliste',
  title: 'Guerre des gangs: 11 mois à Martissant, 11 jours en plaine du Cul-de-Sac',
  url: 'https://lenouvelliste.com/article/235536/guerre-des-gangs-11-mois-a-martissant-11-jours-en-plaine-du-cul-de-sac',
  published: '2022-05-03',
};

describe('access constraints', () => {
  const t = useTestApp();
  const h = {} as Record<'im' | 'contingent' | 'ngo', Record<string, string>>;
  let openId: string;
  let closedId: string;

  beforeAll(async () => {
    const s = await signedIn(t, ['humanitarianIm', 'contingent', 'humanitarianField']);
    Object.assign(h, { im: s.humanitarianIm, contingent: s.contingent, ngo: s.humanitarianField });
  });

  const post = (payload: object, headers = h.im) =>
    t.app.inject({ method: 'POST', url: '/api/v1/access-constraints', headers, payload });
  const ids = async (q: string, headers = h.contingent) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/access-constraints${q}`, headers }))
      .json()
      .constraints.map((c: { id: string }) => c.id);

  it('records a road-segment constraint, finding the communes the road crosses', async () => {
    const res = await post({
      category: 'military-operations-or-hostilities',
      severity: 'extreme',
      scope: 'road',
      geometry: RN2_MARTISSANT,
      place: 'RN2 at Martissant',
      description: 'Armed groups fight over the RN2 south exit; convoys cannot pass.',
      start: '2021-06-01',
      source: SOURCE,
    });
    expect(res.statusCode).toBe(201);
    openId = res.json().id;
    expect(res.json()).toMatchObject({
      scope: 'road',
      classification: 'partners',
      open: true,
      end: null,
      geometry: RN2_MARTISSANT,
    });
    expect(res.json().communes.map((c: { pcode: string }) => c.pcode)).toContain('HT0111');
  });

  it('records a closed one on a commune', async () => {
    const res = await post({
      category: 'restriction-of-movement',
      severity: 'high',
      scope: 'commune',
      pcodes: ['HT0117'],
      description: 'Roadblocks around Cité Soleil (illustrative).',
      start: '2023-04-01',
      end: '2023-05-15',
      source: { organisation: 'OCHA (illustrative)', title: 'Access snapshot' },
    });
    expect(res.statusCode).toBe(201);
    closedId = res.json().id;
    expect(res.json().open).toBe(false);
  });

  it('shows a road-segment constraint open in the period and not a closed one', async () => {
    expect(await ids('')).toEqual([openId]);
    expect(await ids('?from=2023-06-01&to=2023-06-08&scope=road')).toEqual([openId]);
    expect(await ids('?from=2023-06-01&to=2023-06-08')).toEqual([openId]);
    expect(await ids('?from=2023-05-01&to=2023-05-20')).toEqual([closedId, openId]);
    expect((await ids('?all=1')).sort()).toEqual([openId, closedId].sort());
  });

  it('filters by commune or department', async () => {
    expect(await ids('?all=1&pcode=HT0117')).toEqual([closedId]);
    expect((await ids('?all=1&pcode=HT01')).length).toBe(2);
    expect(await ids('?all=1&pcode=HT08')).toEqual([]);
  });

  it('lifts a constraint by setting its end', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/access-constraints/${openId}`,
      headers: h.im,
      payload: { end: '2023-06-07' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ open: false, end: '2023-06-07' });
    expect(await ids('')).toEqual([]);
    const reopened = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/access-constraints/${openId}`,
      headers: h.im,
      payload: { end: null },
    });
    expect(reopened.json().open).toBe(true);
  });

  it('refuses a road without a LineString, and geometry outside Haiti, storing nothing', async () => {
    const count = () =>
      (
        t.ctx.store.sqlite.prepare('select count(*) n from access_constraints').get() as {
          n: number;
        }
      ).n;
    const before = count();
    const base = {
      category: 'restriction-of-movement',
      severity: 'low',
      description: 'x',
      start: '2023-06-01',
      source: SOURCE,
    };
    const noLine = await post({ ...base, scope: 'road', pcodes: ['HT0111'] });
    expect(noLine.statusCode).toBe(400);
    expect(noLine.json().error.field).toBe('geometry');
    const swapped = await post({
      ...base,
      scope: 'road',
      geometry: {
        type: 'LineString',
        coordinates: [
          [18.53, -72.34],
          [18.52, -72.35],
        ],
      },
    });
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().error.field).toBe('geometry');
    const badEnd = await post({ ...base, scope: 'commune', pcodes: ['HT0111'], end: '2023-05-01' });
    expect(badEnd.json().error.field).toBe('end');
    expect(count()).toBe(before);
  });

  it('refuses a contingent recording a constraint with 403', async () => {
    const res = await post(
      {
        category: 'interference',
        severity: 'low',
        scope: 'commune',
        pcodes: ['HT0111'],
        description: 'x',
        start: '2023-06-01',
        source: SOURCE,
      },
      h.contingent,
    );
    expect(res.statusCode).toBe(403);
  });
});
