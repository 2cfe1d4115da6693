import {
  lonLat,
  newId,
  type ClassificationLevel,
  type OrgId,
  type OrgKind,
  type Role,
  type UserId,
} from '@konbit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureToRow, type Figure } from '../figures/figure.js';
import { selectFigures } from '../figures/figure.repository.js';
import { testContext, type TestContext } from '../test-support/context.js';
import { ANONYMOUS, type UserActor } from './actor.js';
import { canRead, canWrite, generaliseLocation, readNeedsAudit, type AccessTag } from './policy.js';

function user(
  role: Role,
  orgKind: OrgKind,
  orgId = `org-${orgKind}`,
  userId = `user-${role}-${orgKind}`,
): UserActor {
  return {
    kind: 'user',
    userId: userId as UserId,
    email: `${userId}@x`,
    name: userId,
    orgId: orgId as OrgId,
    orgKind,
    role,
    credential: { type: 'session', id: 's' },
  };
}

const tag = (
  classification: ClassificationLevel,
  restrictedTo: string[] = [],
  createdBy: string | null = null,
): AccessTag => ({
  classification,
  restrictedTo,
  createdBy,
});

const contingent = user('contingent', 'force-contingent');
const missionOps = user('mission-ops', 'force-hq');
const police = user('police-liaison', 'police');
const hostGov = user('viewer', 'host-government');
const ocha = user('humanitarian-im', 'un-agency');
const ngo = user('humanitarian-field', 'ngo');
const reporter = user('reporter', 'ngo', 'org-ngo', 'user-reporter');
const donor = user('viewer', 'donor');
const admin = user('admin', 'operator');

describe('who may read what', () => {
  const levels: ClassificationLevel[] = ['public', 'partners', 'humanitarian', 'mission'];
  const expected: [string, UserActor | typeof ANONYMOUS, boolean[]][] = [
    ['anonymous', ANONYMOUS, [true, false, false, false]],
    ['contingent', contingent, [true, true, false, true]],
    ['mission HQ', missionOps, [true, true, false, true]],
    ['police', police, [true, true, false, true]],
    ['host government', hostGov, [true, true, false, true]],
    ['UN agency', ocha, [true, true, true, false]],
    ['NGO', ngo, [true, true, true, false]],
    ['reporter (NGO)', reporter, [true, true, false, false]],
    ['donor', donor, [true, true, false, false]],
    ['admin', admin, [true, true, true, true]],
  ];
  for (const [name, actor, allowed] of expected) {
    it(`lets ${name} read ${levels.filter((_, i) => allowed[i]).join(', ') || 'nothing'}`, () => {
      expect(levels.map((l) => canRead(actor, tag(l)))).toEqual(allowed);
    });
  }

  it('keeps humanitarian records from force, police and host government (civil–military separation)', () => {
    for (const a of [contingent, missionOps, police, hostGov])
      expect(canRead(a, tag('humanitarian'))).toBe(false);
    for (const a of [ocha, ngo]) expect(canRead(a, tag('mission'))).toBe(false);
  });

  it('lets only the listed organisations read a restricted record', () => {
    const r = tag('restricted', ['org-un-agency']);
    expect(canRead(ocha, r)).toBe(true);
    expect(canRead(ngo, r)).toBe(false);
    expect(canRead(missionOps, r)).toBe(false);
  });

  it('lets a reporter read their own report whatever its classification', () => {
    expect(canRead(reporter, tag('humanitarian', [], 'user-reporter'))).toBe(true);
    expect(canRead(reporter, tag('humanitarian', [], 'someone-else'))).toBe(false);
  });

  it('audits an admin reading beyond their organisation, and nobody else', () => {
    expect(readNeedsAudit(admin, tag('mission'))).toBe(true);
    expect(readNeedsAudit(admin, tag('partners'))).toBe(false);
    expect(readNeedsAudit(missionOps, tag('mission'))).toBe(false);
  });
});

describe('who may write what', () => {
  it('refuses a viewer any figure', () => {
    expect(canWrite(donor, 'figure.create', tag('public'))).toMatchObject({
      ok: false,
      code: 'Forbidden',
    });
  });

  it('refuses an NGO filing into the mission compartment', () => {
    const nogo = canWrite(user('humanitarian-im', 'ngo'), 'figure.create', tag('mission'));
    expect(nogo).toMatchObject({ ok: false, code: 'Forbidden', field: 'classification' });
  });

  it('requires a restricted record to list the writer’s own organisation', () => {
    expect(canWrite(ocha, 'figure.create', tag('restricted', ['org-ngo']))).toMatchObject({
      ok: false,
      field: 'restrictedTo',
    });
    expect(
      canWrite(ocha, 'figure.create', tag('restricted', ['org-un-agency', 'org-ngo'])),
    ).toEqual({ ok: true });
  });

  it('refuses restrictedTo on a record that is not restricted', () => {
    expect(canWrite(ocha, 'figure.create', tag('humanitarian', ['org-ngo']))).toMatchObject({
      ok: false,
      code: 'ValidationFailed',
    });
  });
});

describe('generalised locations', () => {
  const exact = { position: lonLat(-72.335, 18.58), precision: 'exact' };
  const centroid = lonLat(-72.326581, 18.593982);

  it('gives IDP site coordinates exactly to UN agencies and NGOs only', () => {
    expect(generaliseLocation(ocha, { kind: 'idp-site' }, exact, centroid)).toMatchObject({
      generalised: false,
      position: exact.position,
    });
    expect(generaliseLocation(contingent, { kind: 'idp-site' }, exact, centroid)).toEqual({
      position: centroid,
      precision: 'commune',
      generalised: true,
    });
  });

  it('gives a sensitive report exactly to its reporting organisation and analysts', () => {
    const what = { kind: 'sensitive-report', reportingOrg: 'org-force-hq' } as const;
    expect(
      generaliseLocation(user('contingent', 'force-hq'), what, exact, centroid).generalised,
    ).toBe(false);
    expect(generaliseLocation(missionOps, what, exact, centroid).generalised).toBe(false);
    expect(generaliseLocation(contingent, what, exact, centroid).generalised).toBe(true);
  });
});

describe('the SQL form of the read rule', () => {
  let ctx: TestContext;
  const records: { id: string; tag: AccessTag }[] = [];

  beforeAll(async () => {
    ctx = await testContext();
    const tags: AccessTag[] = [
      tag('public'),
      tag('partners'),
      tag('humanitarian'),
      tag('mission'),
      tag('restricted', ['org-un-agency']),
      tag('restricted', ['org-force-hq', 'org-police']),
      tag('humanitarian', [], 'user-reporter'),
      tag('mission', [], 'user-reporter'),
    ];
    await ctx.store.transaction(async (tx) => {
      for (const t of tags) {
        const id = newId();
        records.push({ id, tag: t });
        const figure: Figure = {
          id: id as Figure['id'],
          metric: 'idps',
          value: 1,
          unit: 'people',
          qualifier: 'exact',
          pcode: 'HT',
          idpSiteId: null,
          hazardEventId: null,
          asOf: '2023-06-01',
          periodStart: null,
          source: { organisation: 'x', title: 'x', url: null, published: null, method: null },
          confidence: null,
          context: null,
          breakdown: [],
          dtm: null,
          naturalKey: null,
          classification: t.classification,
          restrictedTo: t.restrictedTo,
          createdBy: t.createdBy ?? 'system:test',
          createdOrg: null,
          createdAt: '2023-06-01T00:00:00Z',
        };
        await tx.insertInto('figures').values(figureToRow(figure)).execute();
      }
    });
  });
  afterAll(() => ctx.cleanup());

  for (const [name, actor] of Object.entries({
    ANONYMOUS,
    contingent,
    missionOps,
    police,
    ocha,
    ngo,
    reporter,
    donor,
    admin,
  })) {
    it(`selects exactly what canRead allows for ${name}`, async () => {
      const bySql = (await selectFigures(ctx.store.db, actor, {})).map((r) => r.id).sort();
      const byRule = records
        .filter((r) => canRead(actor, { ...r.tag, createdBy: r.tag.createdBy ?? 'system:test' }))
        .map((r) => r.id)
        .sort();
      expect(bySql).toEqual(byRule);
    });
  }
});
