import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testContext, useTestApp, type TestContext } from '../test-support/context.js';
import type { Api } from './api.js';

describe('the HTTP application', () => {
  let ctx: TestContext;
  let app: Api;
  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('answers /healthz with the change-log head and the scenario clock', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      now: '2023-06-08T16:00:00.000Z',
      scenario: true,
      demo: false,
    });
  });

  it('describes the API in OpenAPI, generated from the zod schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/figures',
      '/api/v1/figures/{id}',
      '/api/v1/areas/locate',
      '/api/v1/feed',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(
      doc.paths['/api/v1/figures'].post.requestBody.content['application/json'].schema.properties
        .metric.enum,
    ).toContain('idps');
  });

  it('tells the web app there are no map tiles unless configured', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/web/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mapTiles: null });
  });

  it('serves a docs page at /docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });

  it('sends security headers, a CSP and the request id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  it('refuses a cookie-authenticated write from another site', async () => {
    const { seedPeople, signIn } = await import('../test-support/context.js');
    const people = await seedPeople(ctx, ['humanitarianIm']);
    const token = await signIn(app, people.humanitarianIm.email);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/figures',
      headers: { cookie: `konbit_session=${token}`, origin: 'https://evil.example' },
      payload: {
        metric: 'idps',
        value: 1,
        pcode: 'HT',
        asOf: '2023-06-01',
        source: { organisation: 'x', title: 'x' },
      },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('the HTTP application with map tiles configured', () => {
  const t = useTestApp({
    config: {
      mapTiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Example' },
    },
  });

  it('hands the tiles to the web app and lets its CSP load them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/web/config' });
    expect(res.json()).toEqual({
      mapTiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Example' },
    });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/tiles\.example\.org/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/tiles\.example\.org/);
  });
});
