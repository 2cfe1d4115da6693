import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../http/api.js';
import {
  bearer,
  seedPeople,
  signIn,
  TEST_PASSWORD,
  testApp,
  testContext,
  type TestContext,
  type TestUser,
} from '../test-support/context.js';

describe('sign-in, sessions and tokens', () => {
  let ctx: TestContext;
  let app: Api;
  let people: Awaited<ReturnType<typeof seedPeople>>;

  beforeAll(async () => {
    ctx = await testContext({
      config: { login: { maxPerAccount: 3, maxPerAddress: 1000, windowSeconds: 900 } },
    });
    app = await testApp(ctx);
    people = await seedPeople(ctx, [
      'admin',
      'missionOps',
      'contingent',
      'humanitarianIm',
      'donor',
      'reporter',
    ]);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  const me = (headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

  it('sets an HttpOnly, SameSite=Strict session cookie and returns a bearer token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: people.missionOps.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^konbit_session=kbs_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const body = res.json();
    expect(body.user).toMatchObject({
      email: people.missionOps.email,
      role: 'mission-ops',
      organisation: { kind: 'force-hq' },
    });
    const secret = /konbit_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    expect((await me({ cookie: `konbit_session=${secret}` })).statusCode).toBe(200);
    expect((await me(bearer(body.token))).json().email).toBe(people.missionOps.email);
  });

  it('stores only hashes of session secrets', async () => {
    const token = await signIn(app, people.donor.email);
    const rows = ctx.store.sqlite.prepare('select token_hash from sessions').all() as {
      token_hash: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(
      ctx.store.sqlite
        .prepare('select count(*) n from change_log where payload like ?')
        .get(`%${token}%`),
    ).toEqual({ n: 0 });
  });

  it('answers a wrong password with 401 InvalidCredentials and no cookie', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: people.reporter.email, password: 'wrong password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('InvalidCredentials');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('revokes the session server-side on logout', async () => {
    const token = await signIn(app, people.contingent.email);
    expect((await me(bearer(token))).statusCode).toBe(200);
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(token),
    });
    expect(out.statusCode).toBe(204);
    const after = await me(bearer(token));
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('Unauthenticated');
  });

  it('limits failed sign-ins per account, refusing even the right password until the window ends', async () => {
    const email = people.humanitarianIm.email;
    for (let i = 0; i < 3; i += 1) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: `guess ${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RateLimited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is not affected by this account's failures.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: people.donor.email, password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('ends every session and token of a disabled user at once', async () => {
    const victim: TestUser = people.reporter;
    const session = await signIn(app, victim.email);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: bearer(session),
      payload: { name: 'field sync' },
    });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    expect(token).toMatch(/^kbt_/);
    expect((await me(bearer(token))).statusCode).toBe(200);

    const adminToken = await signIn(app, people.admin.email);
    const disabled = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${victim.id}/disable`,
      headers: bearer(adminToken),
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);

    expect((await me(bearer(session))).statusCode).toBe(401);
    expect((await me(bearer(token))).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: victim.email, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(401);

    // Re-enabling does not bring old credentials back.
    await app.inject({
      method: 'POST',
      url: `/api/v1/users/${victim.id}/enable`,
      headers: bearer(adminToken),
    });
    expect((await me(bearer(token))).statusCode).toBe(401);
    expect((await me(bearer(await signIn(app, victim.email)))).statusCode).toBe(200);
  });

  it('lets only an admin disable users', async () => {
    const token = await signIn(app, people.missionOps.email);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${people.donor.id}/disable`,
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('Forbidden');
  });

  it('revokes a token on request of its owner', async () => {
    const session = await signIn(app, people.missionOps.email);
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: bearer(session),
        payload: { name: 'sitrep script', expiresInDays: 30 },
      })
    ).json();
    expect(created.expiresAt).not.toBeNull();
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${created.id}`,
      headers: bearer(session),
    });
    expect(revoked.statusCode).toBe(200);
    expect((await me(bearer(created.token))).statusCode).toBe(401);
    // Someone else's token is not theirs to revoke, and its existence is not revealed.
    const other = await signIn(app, people.donor.email);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/tokens/${created.id}`,
          headers: bearer(other),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('changes a password, ending the user’s other sessions', async () => {
    const first = await signIn(app, people.donor.email);
    const second = await signIn(app, people.donor.email);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: bearer(second),
      payload: { currentPassword: 'nope', newPassword: 'a much better passphrase' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.field).toBe('currentPassword');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: bearer(second),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(bearer(first))).statusCode).toBe(401);
    expect((await me(bearer(second))).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: people.donor.email, password: 'a much better passphrase' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('rejects a malformed Authorization header with 401', async () => {
    const res = await me({ authorization: 'Token abc' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.field).toBe('Authorization');
  });
});
