import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp } from '../test-support/context.js';
import { rowCount } from '../test-support/store-state.js';

type Headers = Record<string, string>;
const AP = {
  organisation: 'AP',
  title: 'Jamaica to send soldiers, police',
  published: '2023-02-01',
};

describe('force generation', () => {
  const t = useTestApp();
  const h = {} as Record<'ops' | 'contingent' | 'ngo', Headers>;
  let jamaica: string;
  let bahamas: string;

  const count = (table: string) => rowCount(t.ctx, table);
  const post = (url: string, payload: object, headers: Headers = h.ops) =>
    t.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers: Headers = h.ops) =>
    t.app.inject({ method: 'GET', url, headers });
  const summary = async (headers: Headers = h.ops) =>
    (await get('/api/v1/force/summary', headers)).json();

  beforeAll(async () => {
    const p = await seedPeople(t.ctx, ['missionOps', 'contingent', 'humanitarianField']);
    h.ops = bearer(await signIn(t.app, p.missionOps.email));
    h.contingent = bearer(await signIn(t.app, p.contingent.email));
    h.ngo = bearer(await signIn(t.app, p.humanitarianField.email));
  });

  it('records a contribution with pledge lines, partners by default, each line with its history', async () => {
    const res = await post('/api/v1/force/contributions', {
      country: 'JAM',
      countryName: 'Jamaica',
      source: AP,
      lines: [
        { capability: 'infantry', personnel: null, status: 'pledged', date: '2023-01-31' },
        { capability: 'unspecified', personnel: null, status: 'pledged', date: '2023-01-31' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      country: 'JAM',
      classification: 'partners',
      lead: null,
      lines: [
        {
          capability: 'infantry',
          personnel: null,
          status: 'pledged',
          history: [{ status: 'pledged', date: '2023-01-31' }],
        },
        { capability: 'unspecified' },
      ],
    });
    jamaica = res.json().id;
    bahamas = (
      await post('/api/v1/force/contributions', {
        country: 'BHS',
        countryName: 'The Bahamas',
        conditions: 'If CARICOM or the UN decide',
        source: {
          organisation: 'Tribune242',
          title: 'Troops ready to go',
          published: '2022-10-19',
        },
        lines: [
          { capability: 'unspecified', personnel: 150, status: 'considering', date: '2022-10-19' },
        ],
      })
    ).json().id;
  });

  it('refuses a second open contribution of the same country with 409, and a bad country code with 400', async () => {
    const before = count('force_contributions');
    const dup = await post('/api/v1/force/contributions', {
      country: 'JAM',
      countryName: 'Jamaica',
      source: AP,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toMatch(/Jamaica \(JAM\) already has a contribution/);
    const bad = await post('/api/v1/force/contributions', {
      country: 'JM',
      countryName: 'Jamaica',
      source: AP,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('country');
    expect(count('force_contributions')).toBe(before);
  });

  it('lets only force-generation staff record contributions', async () => {
    const res = await post(
      '/api/v1/force/contributions',
      { country: 'CAN', countryName: 'Canada', source: AP },
      h.contingent,
    );
    expect(res.statusCode).toBe(403);
  });

  it('says plainly: no lead nation, the request adopted, the resolution pending', async () => {
    const request = await post('/api/v1/force/milestones', {
      kind: 'host-government-request',
      title: 'Haiti asks partners for a specialised armed force',
      status: 'adopted',
      date: '2022-10-07',
      source: { organisation: 'Le Moniteur', title: 'Council of Ministers resolution' },
    });
    expect(request.statusCode).toBe(201);
    const unsc = await post('/api/v1/force/milestones', {
      kind: 'unsc-resolution',
      title: 'Security Council authorisation of a multinational force',
      source: {
        organisation: 'AP',
        title: 'UN ponders rapid armed force',
        published: '2022-10-09',
      },
    });
    expect(unsc.json().status).toBe('pending');
    const s = await summary(h.ngo);
    expect(s.leadNation).toBeNull();
    expect(s.readiness).toEqual([
      'No lead nation designated',
      'Host government request adopted (2022-10-07)',
      'UN Security Council resolution pending',
      '2 countries have offered personnel (Jamaica, The Bahamas): 0 personnel pledged with a stated number; 2 offers without a number',
      'No personnel deployed',
    ]);
    expect(s.personnel).toMatchObject({
      considering: 150,
      pledged: 0,
      deployed: 0,
      unstatedLines: 2,
    });
  });

  it('keeps one lead nation: a second is refused with a clear message until the first is withdrawn', async () => {
    const lead = await post(`/api/v1/force/contributions/${jamaica}/lead`, {
      lead: true,
      date: '2023-06-08',
    });
    expect(lead.statusCode).toBe(200);
    expect(lead.json().lead).toMatchObject({ since: '2023-06-08' });
    expect((await summary()).leadNation).toMatchObject({ country: 'JAM', countryName: 'Jamaica' });

    const second = await post(`/api/v1/force/contributions/${bahamas}/lead`, {
      lead: true,
      date: '2023-06-08',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toEqual({
      code: 'LeadNationTaken',
      field: 'lead',
      message:
        'Jamaica is already the lead nation; withdraw its lead designation (or its contribution) before designating The Bahamas',
    });

    const stepDown = await post(`/api/v1/force/contributions/${jamaica}/lead`, {
      lead: false,
      date: '2023-06-08',
    });
    expect(stepDown.json().lead).toBeNull();
    const now = await post(`/api/v1/force/contributions/${bahamas}/lead`, {
      lead: true,
      date: '2023-06-08',
    });
    expect(now.statusCode).toBe(200);
    expect((await summary()).readiness[0]).toBe('Lead nation: The Bahamas (since 2023-06-08)');
  });

  it('ends the lead with the contribution when a country withdraws', async () => {
    const res = await post(`/api/v1/force/contributions/${bahamas}/withdraw`, {
      date: '2023-06-08',
      note: 'test',
    });
    expect(res.json()).toMatchObject({
      lead: null,
      withdrawnOn: '2023-06-08',
      lines: [{ status: 'withdrawn' }],
    });
    expect((await summary()).leadNation).toBeNull();
    const again = await post(`/api/v1/force/contributions/${bahamas}/lead`, {
      lead: true,
      date: '2023-06-08',
    });
    expect(again.statusCode).toBe(409);
  });

  it('moves a pledge line forward with dated history and refuses going back', async () => {
    const c = (await get(`/api/v1/force/contributions/${jamaica}`)).json();
    const line = c.lines[0].id;
    const ok = await post(`/api/v1/force/lines/${line}/status`, {
      status: 'authorised',
      date: '2023-06-08',
      source: { organisation: 'Test', title: 'approval' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().lines[0].history.map((x: { status: string }) => x.status)).toEqual([
      'pledged',
      'authorised',
    ]);
    const back = await post(`/api/v1/force/lines/${line}/status`, {
      status: 'pledged',
      date: '2023-06-08',
    });
    expect(back.statusCode).toBe(422);
    expect(back.json().error.code).toBe('InvalidStatusTransition');
    const early = await post(`/api/v1/force/lines/${line}/status`, {
      status: 'deployed',
      date: '2023-01-01',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('date');
  });

  it('decides a milestone once', async () => {
    const [, unsc] = (await get('/api/v1/force/milestones')).json().milestones;
    expect(unsc.kind).toBe('unsc-resolution');
    const adopted = await post(`/api/v1/force/milestones/${unsc.id}/status`, {
      status: 'adopted',
      date: '2023-10-02',
      reference: 'S/RES/2699 (2023)',
    });
    expect(adopted.json()).toMatchObject({ status: 'adopted', reference: 'S/RES/2699 (2023)' });
    const veto = await post(`/api/v1/force/milestones/${unsc.id}/status`, {
      status: 'vetoed',
      date: '2023-10-03',
    });
    expect(veto.statusCode).toBe(422);
    expect((await summary()).readiness).toContain(
      'UN Security Council resolution adopted (2023-10-02, S/RES/2699 (2023))',
    );
  });
});
