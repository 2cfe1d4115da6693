import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  seedPeople,
  signIn,
  testApp,
  testContext,
  type TestContext,
} from '../test-support/context.js';
import type { LightMyRequestResponse } from 'fastify';
import type { Api } from './api.js';

const valid = {
  metric: 'idps',
  value: 1000,
  pcode: 'HT0111',
  asOf: '2023-06-01',
  source: { organisation: 'IOM', title: 'test' },
};

describe('bad input gets a 4xx naming the problem and changes nothing', () => {
  let ctx: TestContext;
  let app: Api;
  let auth: Record<string, string>;

  const state = () => ({
    figures: (ctx.store.sqlite.prepare('select count(*) n from figures').get() as { n: number }).n,
    seq: (ctx.store.sqlite.prepare('select seq from change_log_head').get() as { seq: number }).seq,
  });

  beforeAll(async () => {
    ctx = await testContext({ config: { bodyLimitBytes: 4096 } });
    app = await testApp(ctx);
    const people = await seedPeople(ctx, ['humanitarianIm']);
    auth = bearer(await signIn(app, people.humanitarianIm.email));
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  const send = (payload: object | string, headers: Record<string, string> = auth) =>
    app.inject({ method: 'POST', url: '/api/v1/figures', headers, payload });

  async function expectRefused(
    request: () => Promise<LightMyRequestResponse>,
    status: number,
    code: string,
    field?: string,
  ) {
    const before = state();
    const res = await request();
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    if (field !== undefined) expect(body.error.field).toBe(field);
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|sqlite|select |insert /i);
    expect(state()).toEqual(before);
    return body;
  }

  it('answers malformed JSON with 400 MalformedJson', async () => {
    await expectRefused(
      () => send('{"metric": "idps", value: }', { ...auth, 'content-type': 'application/json' }),
      400,
      'MalformedJson',
    );
  });

  it('answers an empty JSON body with 400 MalformedJson', async () => {
    await expectRefused(
      () => send('', { ...auth, 'content-type': 'application/json' }),
      400,
      'MalformedJson',
    );
  });

  it('answers a wrong type with 400 naming the field', async () => {
    const body = await expectRefused(
      () => send({ ...valid, value: 'many' }),
      400,
      'ValidationFailed',
      'value',
    );
    expect(body.error.details[0].field).toBe('value');
  });

  it('answers a nested wrong value with its dotted path', async () => {
    await expectRefused(
      () => send({ ...valid, source: { organisation: 'IOM', title: 'x', url: 'ftp://x' } }),
      400,
      'ValidationFailed',
      'source.url',
    );
  });

  it('answers an unknown field with 400 naming it', async () => {
    const body = await expectRefused(
      () => send({ ...valid, colour: 'red' }),
      400,
      'ValidationFailed',
      'colour',
    );
    expect(body.error.message).toMatch(/Unknown field "colour"/);
  });

  it('answers an oversized body with 413 PayloadTooLarge', async () => {
    await expectRefused(
      () => send({ ...valid, context: 'x'.repeat(5000) }),
      413,
      'PayloadTooLarge',
    );
  });

  it('answers a body that is not JSON with 415', async () => {
    await expectRefused(
      () => send('<figure/>', { ...auth, 'content-type': 'text/xml' }),
      415,
      'UnsupportedMediaType',
    );
  });

  it('answers a bad query parameter with 400 naming it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/figures?metric=bananas' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('metric');
  });

  it('answers an unknown route with 404 NotFound', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NotFound');
  });

  it('answers a write without sign-in with 401', async () => {
    await expectRefused(
      () => app.inject({ method: 'POST', url: '/api/v1/figures', payload: valid }),
      401,
      'Unauthenticated',
    );
  });
});
