import { newId } from '@konbit/core';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedPeople, signIn, useTestApp, type TestUser } from '../test-support/context.js';
import {
  BEL_AIR,
  CITE_SOLEIL,
  DELMAS,
  offset,
  report,
  untilFiled,
} from '../test-support/incidents.js';

type Headers = Record<string, string>;

describe('filing incident reports', () => {
  const t = useTestApp();
  const h = {} as Record<
    'ops' | 'contingent' | 'police' | 'im' | 'field' | 'reporter' | 'viewer' | 'admin',
    Headers
  >;
  let people: Record<string, TestUser>;

  beforeAll(async () => {
    people = await seedPeople(t.ctx);
    h.ops = bearer(await signIn(t.app, people.missionOps!.email));
    h.contingent = bearer(await signIn(t.app, people.contingent!.email));
    h.police = bearer(await signIn(t.app, people.police!.email));
    h.im = bearer(await signIn(t.app, people.humanitarianIm!.email));
    h.field = bearer(await signIn(t.app, people.humanitarianField!.email));
    h.reporter = bearer(await signIn(t.app, people.reporter!.email));
    h.viewer = bearer(await signIn(t.app, people.donor!.email));
    h.admin = bearer(await signIn(t.app, people.admin!.email));
  });

  const post = (headers: Headers, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers, payload });
  const state = () => ({
    incidents: (
      t.ctx.store.sqlite.prepare('select count(*) n from incidents').get() as { n: number }
    ).n,
    grid: (
      t.ctx.store.sqlite.prepare('select count(*) n from incident_grid').get() as { n: number }
    ).n,
    seq: (t.ctx.store.sqlite.prepare('select seq from change_log_head').get() as { seq: number })
      .seq,
  });
  async function refused(
    request: () => Promise<LightMyRequestResponse>,
    status: number,
    code: string,
    field?: string,
  ) {
    const before = state();
    const res = await request();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    if (field !== undefined) expect(res.json().error.field).toBe(field);
    expect(state()).toEqual(before);
    return res.json().error as { message: string; field?: string };
  }

  describe('a new report', () => {
    it('is stored with its commune found from the point and classified by the reporter’s compartment', async () => {
      const res = await post(h.ops, report());
      expect(res.statusCode).toBe(201);
      const { incident } = res.json();
      expect(incident.geometry).toEqual({
        type: 'Point',
        coordinates: [CITE_SOLEIL.lon, CITE_SOLEIL.lat],
      });
      expect(incident.properties).toMatchObject({
        pcode: 'HT0117',
        commune: 'Cité Soleil',
        classification: 'mission',
        verification: 'unverified',
        source: { kind: 'patrol', reliability: 'B', credibility: '2', grade: 'B2' },
        reportedBy: { organisation: 'Test force-hq' },
        version: 1,
      });
      const byNgo = await post(h.field, report({ location: BEL_AIR }));
      expect(byNgo.json().incident.properties).toMatchObject({
        classification: 'humanitarian',
        pcode: 'HT0111',
      });
    });

    it('records one change-log entry in the same transaction', async () => {
      const before = state();
      const res = await post(h.ops, report({ occurredAt: '2023-05-01T10:00:00Z' }));
      expect(res.statusCode).toBe(201);
      const entry = t.ctx.store.sqlite
        .prepare('select entity, entity_id, op, classification from change_log where seq = ?')
        .get(before.seq + 1);
      expect(entry).toEqual({
        entity: 'incident',
        entity_id: res.json().incident.id,
        op: 'create',
        classification: 'mission',
      });
      expect(state().seq).toBe(before.seq + 1);
    });

    it('places a report known to the commune at the commune centroid', async () => {
      const res = await post(
        h.ops,
        report({ location: undefined, locationPrecision: 'commune', pcode: 'HT0112' }),
      );
      expect(res.statusCode).toBe(201);
      const area = t.ctx.areas.get('HT0112');
      expect(res.json().incident.geometry.coordinates).toEqual([...(area?.centroid ?? [])]);
      expect(res.json().incident.properties.locationPrecision).toBe('commune');
    });

    it('keeps a report whose place is unknown without a geometry', async () => {
      const res = await post(h.ops, report({ location: undefined, locationPrecision: 'unknown' }));
      expect(res.statusCode).toBe(201);
      expect(res.json().incident.geometry).toBeNull();
      expect(res.json().incident.properties.pcode).toBeNull();
    });

    it('takes the client-made id, and answers a retry with the first answer', async () => {
      const id = newId();
      const first = await post(h.ops, report({ id, occurredAt: '2023-05-02T10:00:00Z' }));
      const again = await post(h.ops, report({ id, occurredAt: '2023-05-02T10:00:00Z' }));
      expect(first.statusCode).toBe(201);
      expect(first.json().incident.id).toBe(id);
      expect(again.json()).toEqual(first.json());
      expect(again.headers['idempotent-replayed']).toBe('true');
      const other = await post(h.im, report({ id, occurredAt: '2023-05-02T10:00:00Z' }));
      expect(other.statusCode).toBe(409);
    });
  });

  describe('bad reports change nothing', () => {
    it('refuses an exact report without a location with 400 naming location', async () => {
      await refused(
        () => post(h.ops, report({ location: undefined })),
        400,
        'ValidationFailed',
        'location',
      );
    });

    it('refuses a point outside Haiti with 400 naming location', async () => {
      await refused(
        () => post(h.ops, report({ location: { lon: 72.338, lat: 18.58 } })),
        400,
        'ValidationFailed',
        'location',
      );
    });

    it('refuses a commune that disagrees with the point with 422 PcodeMismatch', async () => {
      const e = await refused(
        () => post(h.ops, report({ pcode: 'HT0111' })),
        422,
        'PcodeMismatch',
        'pcode',
      );
      expect(e.message).toMatch(/Cité Soleil \(HT0117\)/);
    });

    it('refuses a P-code that is not a commune with 422 UnknownPcode', async () => {
      await refused(
        () =>
          post(h.ops, report({ location: undefined, locationPrecision: 'commune', pcode: 'HT01' })),
        422,
        'UnknownPcode',
        'pcode',
      );
    });

    it('refuses a time in the future with 400 naming occurredAt', async () => {
      await refused(
        () => post(h.ops, report({ occurredAt: '2023-06-09T16:00:00Z' })),
        400,
        'ValidationFailed',
        'occurredAt',
      );
    });

    it('refuses an unknown type and an unknown field with 400', async () => {
      await refused(
        () => post(h.ops, { ...report(), type: 'gunfight' }),
        400,
        'ValidationFailed',
        'type',
      );
      await refused(
        () => post(h.ops, { ...report(), colour: 'red' }),
        400,
        'ValidationFailed',
        'colour',
      );
    });

    it('refuses a viewer and an anonymous caller', async () => {
      await refused(() => post(h.viewer, report()), 403, 'Forbidden');
      await refused(() => post({}, report()), 401, 'Unauthenticated');
    });

    it('refuses an NGO filing into the mission compartment', async () => {
      await refused(
        () => post(h.field, report({ classification: 'mission' })),
        403,
        'Forbidden',
        'classification',
      );
    });

    it('asks an organisation outside both compartments to choose a classification', async () => {
      await refused(() => post(h.admin, report()), 400, 'ValidationFailed', 'classification');
      expect((await post(h.admin, report({ classification: 'partners' }))).statusCode).toBe(201);
    });
  });

  describe('sensitive reports', () => {
    it('keeps sexual violence within the reporter’s compartment unless an analyst widens it', async () => {
      const sv = report({ type: 'sexual-violence', classification: 'partners', location: BEL_AIR });
      await refused(() => post(h.contingent, sv), 403, 'Forbidden', 'classification');
      await refused(() => post(h.field, sv), 403, 'Forbidden', 'classification');
      const byAnalyst = await post(h.ops, sv);
      expect(byAnalyst.statusCode).toBe(201);
      const inCompartment = await post(h.contingent, { ...sv, classification: undefined });
      expect(inCompartment.json().incident.properties).toMatchObject({
        classification: 'mission',
        sensitive: true,
      });
    });

    it('treats an abduction of civilians as sensitive, and of police officers not', async () => {
      const civilians = await post(
        h.ops,
        report({ type: 'abduction-kidnapping', actors: [{ type: 'gang' }, { type: 'civilians' }] }),
      );
      const police = await post(
        h.ops,
        report({ type: 'abduction-kidnapping', actors: [{ type: 'gang' }, { type: 'police' }] }),
      );
      expect(civilians.json().incident.properties.sensitive).toBe(true);
      expect(police.json().incident.properties.sensitive).toBe(false);
    });
  });

  describe('possible duplicates', () => {
    const base = report({
      type: 'roadblock-checkpoint',
      occurredAt: '2023-06-01T12:00:00Z',
      location: DELMAS,
      description: 'Barricade de pneus enflammés sur la route de Delmas',
    });
    let first: string;

    beforeAll(async () => {
      first = (await post(h.ops, base)).json().incident.id;
    });

    const dupIds = async (over: object, headers = h.ops) =>
      (
        (await post(headers, { ...base, ...over })).json().possibleDuplicates as { id: string }[]
      ).map((d) => d.id);

    it('returns a report of the same type 499 m and 2 h away', async () => {
      expect(
        await dupIds({ location: offset(DELMAS, 499), occurredAt: '2023-06-01T14:00:00Z' }),
      ).toContain(first);
    });

    it('does not return one 501 m away, 2 h 1 min away, or of another type', async () => {
      expect(await dupIds({ location: offset(DELMAS, 0, 501) })).not.toContain(first);
      expect(await dupIds({ occurredAt: '2023-06-01T09:59:00Z' })).not.toContain(first);
      expect(await dupIds({ type: 'protest' })).not.toContain(first);
    });

    it('widens to the day, the week and the commune with coarser precision', async () => {
      expect(
        await dupIds({ occurredPrecision: 'day', occurredAt: '2023-06-01T22:00:00Z' }),
      ).toContain(first);
      expect(
        await dupIds({ occurredPrecision: 'week', occurredAt: '2023-06-03T22:00:00Z' }),
      ).toContain(first);
      expect(
        await dupIds({ location: undefined, locationPrecision: 'commune', pcode: 'HT0112' }),
      ).toContain(first);
      expect(await dupIds({ location: undefined, locationPrecision: 'unknown' })).toContain(first);
    });

    it('only returns reports the reporter may read', async () => {
      expect(await dupIds({}, h.field)).not.toContain(first);
    });
  });

  describe('a batch from a field device', () => {
    const batch = (headers: Headers, items: unknown[]) =>
      t.app.inject({ method: 'POST', url: '/api/v1/incidents/batch', headers, payload: { items } });

    it('stores the valid reports and reports the invalid ones by index', async () => {
      const ids = [newId(), newId(), newId(), newId()];
      const before = state();
      const res = await batch(h.contingent, [
        report({ id: ids[0], occurredAt: '2023-06-02T10:00:00Z' }),
        report({ id: ids[1], location: { lon: 72, lat: 18 } }),
        { ...report({ id: ids[2] }), colour: 'red' },
        report({ id: ids[3], occurredAt: '2023-06-02T11:00:00Z', location: BEL_AIR }),
        'not a report',
        report({ occurredAt: '2023-06-02T11:00:00Z' }),
      ]);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ created: 2, existing: 0, rejected: 4 });
      expect(body.results.map((r: { status: string }) => r.status)).toEqual([
        'created',
        'rejected',
        'rejected',
        'created',
        'rejected',
        'rejected',
      ]);
      expect(body.results[1]).toMatchObject({ index: 1, id: ids[1], error: { field: 'location' } });
      expect(body.results[2].error).toMatchObject({ code: 'ValidationFailed', field: 'colour' });
      expect(body.results[4]).toMatchObject({ index: 4, id: null });
      expect(body.results[5].error.field).toBe('id');
      expect(body.results[0]).toEqual({ index: 0, id: ids[0], status: 'created' });
      // Stored for good at once; on the map once filed.
      const read = await t.app.inject({
        method: 'GET',
        url: `/api/v1/incidents/${ids[3]}`,
        headers: h.contingent,
      });
      expect(read.json()).toMatchObject({ id: ids[3], properties: { pcode: 'HT0111' } });
      await untilFiled(t.app, h.contingent);
      expect(state().incidents).toBe(before.incidents + 2);
      expect(state().seq).toBe(before.seq + 2);
    });

    it('answers a retried batch with exists, waiting or filed, and stores nothing twice', async () => {
      const items = [
        report({ id: newId(), occurredAt: '2023-06-03T10:00:00Z' }),
        report({ id: newId(), occurredAt: '2023-06-03T11:00:00Z' }),
      ];
      expect((await batch(h.contingent, items)).json()).toMatchObject({
        created: 2,
        waiting: expect.any(Number),
      });
      const exists = { created: 0, existing: 2, rejected: 0 };
      expect((await batch(h.contingent, items)).json()).toMatchObject(exists);
      await untilFiled(t.app, h.contingent);
      const before = state();
      expect((await batch(h.contingent, items)).json()).toMatchObject(exists);
      expect(state()).toEqual(before);
      // A single retry of one of them is answered from the report as filed, with the reports
      // that may describe the same event now (the other one of the batch).
      const single = await post(h.contingent, items[0] as object);
      expect(single.statusCode).toBe(201);
      expect(single.headers['idempotent-replayed']).toBe('true');
      expect(single.json().incident.id).toBe(items[0]?.id);
      expect(single.json().possibleDuplicates.map((d: { id: string }) => d.id)).toContain(
        items[1]?.id,
      );
      expect(state()).toEqual(before);
    });

    it('rejects an id already used for another report, or by someone else', async () => {
      const id = newId();
      await batch(h.contingent, [report({ id, occurredAt: '2023-06-04T10:00:00Z' })]);
      const changed = await batch(h.contingent, [
        report({ id, occurredAt: '2023-06-04T10:00:00Z', description: 'autre chose' }),
      ]);
      expect(changed.json().results[0].error.code).toBe('IdempotencyKeyReused');
      const stolen = await batch(h.ops, [report({ id, occurredAt: '2023-06-04T10:00:00Z' })]);
      expect(stolen.json().results[0].error.code).toBe('AlreadyExists');
      // The same once filed.
      await untilFiled(t.app, h.contingent);
      const changedLater = await batch(h.contingent, [
        report({ id, occurredAt: '2023-06-04T10:00:00Z', description: 'autre chose' }),
      ]);
      expect(changedLater.json().results[0].error.code).toBe('IdempotencyKeyReused');
      const stolenLater = await batch(h.ops, [report({ id, occurredAt: '2023-06-04T10:00:00Z' })]);
      expect(stolenLater.json().results[0].error.code).toBe('AlreadyExists');
    });

    it('files a waiting report before a single report with its id is taken', async () => {
      const id = newId();
      const before = state();
      await batch(h.contingent, [report({ id, occurredAt: '2023-06-04T12:00:00Z' })]);
      // Sent again alone at once: the same report, not a second one.
      const single = await post(h.contingent, report({ id, occurredAt: '2023-06-04T12:00:00Z' }));
      expect(single.statusCode).toBe(201);
      expect(single.headers['idempotent-replayed']).toBe('true');
      const other = await post(h.ops, report({ id, occurredAt: '2023-06-04T12:00:00Z' }));
      expect(other.statusCode).toBe(409);
      await untilFiled(t.app, h.contingent);
      expect(state().incidents).toBe(before.incidents + 1);
    });

    it('tells a signed-in user what waits to be filed, and no one else', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/incidents/intake',
        headers: h.contingent,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        waiting: expect.any(Number),
        oldestReceivedAt: expect.toSatisfy((v: unknown) => v === null || typeof v === 'string'),
        fault: null,
      });
      await refused(
        () => t.app.inject({ method: 'GET', url: '/api/v1/incidents/intake' }),
        401,
        'Unauthenticated',
      );
    });

    it('changes nothing for a malformed envelope', async () => {
      await refused(() => batch(h.contingent, []), 400, 'ValidationFailed', 'items');
      await refused(
        () =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/incidents/batch',
            headers: h.contingent,
            payload: { items: [report({ id: newId() })], extra: 1 },
          }),
        400,
        'ValidationFailed',
        'extra',
      );
      await refused(
        () =>
          batch(
            h.contingent,
            Array.from({ length: 1001 }, () => report({ id: newId() })),
          ),
        400,
        'ValidationFailed',
        'items',
      );
    });

    it('refuses a batch from someone not signed in with 401', async () => {
      await refused(() => batch({}, [report({ id: newId() })]), 401, 'Unauthenticated');
    });
  });

  describe('corrections', () => {
    const patch = (headers: Headers, id: string, payload: object, extra: Headers = {}) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/incidents/${id}`,
        headers: { ...headers, ...extra },
        payload,
      });

    it('lets an analyst move a report, finding its new commune', async () => {
      const id = (await post(h.contingent, report())).json().incident.id;
      const res = await patch(h.ops, id, { location: BEL_AIR, description: 'Corrigé : Bel Air' });
      expect(res.statusCode).toBe(200);
      expect(res.json().properties).toMatchObject({
        pcode: 'HT0111',
        description: 'Corrigé : Bel Air',
        version: 2,
      });
    });

    it('lets the reporter correct the description but not the grading', async () => {
      const id = (await post(h.contingent, report())).json().incident.id;
      expect((await patch(h.contingent, id, { description: 'Plus précis' })).statusCode).toBe(200);
      await refused(
        () => patch(h.contingent, id, { source: { reliability: 'A' } }),
        403,
        'Forbidden',
        'source.reliability',
      );
      // Someone else in the compartment reads it but may not correct it.
      await refused(() => patch(h.police, id, { description: 'x' }), 403, 'Forbidden');
    });

    it('refuses a change made on an old version with 409', async () => {
      const id = (await post(h.ops, report())).json().incident.id;
      expect(
        (await patch(h.ops, id, { description: 'v2' }, { 'if-match': '"1"' })).statusCode,
      ).toBe(200);
      await refused(
        () => patch(h.ops, id, { description: 'v3' }, { 'if-match': '"1"' }),
        409,
        'Conflict',
      );
    });

    it('refuses an empty correction and a bad field with 400', async () => {
      const id = (await post(h.ops, report())).json().incident.id;
      await refused(() => patch(h.ops, id, {}), 400, 'ValidationFailed');
      await refused(
        () => patch(h.ops, id, { verification: 'verified' }),
        400,
        'ValidationFailed',
        'verification',
      );
    });
  });
});
