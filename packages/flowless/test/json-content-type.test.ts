/**
 * Bodies must be JSON: a body of any other type (the `text/plain`, form and multipart posts a
 * page on another site can send with the user's cookies, no preflight) is refused with 415
 * `ERR_FLOWLESS_UNSUPPORTED_MEDIA_TYPE` before anything runs. Requests without a body keep
 * working whatever their `Content-Type`. HTTP-only, so libSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRIDGE_SECRET,
  call,
  countRows,
  freshDatabase,
  type Harness,
  seedUser,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'content type password';

describe('Flowless request bodies must be JSON', () => {
  let h: Harness;
  let admin: string;
  let user: string;
  let userId: string;

  /** A request carrying the session in its cookie only, as a browser on the front end sends it (CSRF passes). */
  const withCookie = async (
    method: string,
    path: string,
    session: string,
    init: { body?: string; type?: string } = {},
  ) => {
    const headers: Record<string, string> = {
      cookie: `session_id=${session}`,
      origin: 'https://app.example.test',
    };
    if (init.type) headers['content-type'] = init.type;
    const res = await h.app.request(path, {
      method,
      headers,
      ...(init.body !== undefined && { body: init.body }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_json_content_type'));
    ({ session: admin } = await signedInUser(h, {
      email: 'ct-admin@example.test',
      password: PASSWORD,
      userType: 'admin',
    }));
    ({ id: userId, session: user } = await signedInUser(h, {
      email: 'ct-user@example.test',
      password: PASSWORD,
    }));
  });
  afterAll(() => h.stop());

  it('refuses cookie-authenticated text/plain, form and multipart bodies with 415, changing nothing', async () => {
    const attempts = [
      { method: 'PUT', path: '/auth/profile', session: user, body: JSON.stringify({ name: 'Mallory' }) },
      {
        method: 'POST',
        path: '/auth/password-change/admin',
        session: admin,
        body: JSON.stringify({ user_id: userId, new_password: 'taken over by a form' }),
      },
      {
        method: 'POST',
        path: '/auth/register',
        session: admin,
        body: JSON.stringify({ email: 'ct-made@example.test', password: PASSWORD, userType: 'admin' }),
      },
      { method: 'POST', path: '/auth/users', session: admin, body: 'email=ct-form%40example.test' },
    ];
    const usersBefore = await countRows(h.handle, 'users');
    for (const attempt of attempts) {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await withCookie(attempt.method, attempt.path, attempt.session, {
          body: attempt.body,
          type,
        });
        expect({ path: attempt.path, type, status: res.status, body: res.body }).toMatchObject({
          path: attempt.path,
          type,
          status: 415,
          body: {
            success: false,
            code: 'ERR_FLOWLESS_UNSUPPORTED_MEDIA_TYPE',
            error: 'Content-Type must be application/json',
          },
        });
      }
    }
    expect(await countRows(h.handle, 'users')).toBe(usersBefore);
    const me = await call(h, 'GET', '/auth/me', { session: user });
    expect((me.body.user as { name: unknown }).name).toBeNull();
    expect(
      (await call(h, 'POST', '/auth/login', { body: { email: 'ct-user@example.test', password: PASSWORD } }))
        .status,
    ).toBe(200);
  });

  it('refuses a body with no Content-Type, and a text/plain login', async () => {
    const untyped = new Request('http://localhost/auth/profile', {
      method: 'PUT',
      headers: { cookie: `session_id=${user}`, origin: 'https://app.example.test' },
      body: new TextEncoder().encode(JSON.stringify({ name: 'Mallory' })),
    });
    expect(untyped.headers.get('content-type')).toBeNull();
    expect((await h.app.request(untyped)).status).toBe(415);
    const loginAsText = await call(h, 'POST', '/auth/login', {
      headers: { 'content-type': 'text/plain' },
      body: { email: 'ct-user@example.test', password: PASSWORD },
    });
    expect(loginAsText).toMatchObject({ status: 415, body: { code: 'ERR_FLOWLESS_UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('accepts application/json with a charset, and +json types', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const res = await withCookie('PUT', '/auth/profile', user, {
        type,
        body: JSON.stringify({ name: 'Ada' }),
      });
      expect({ type, status: res.status }).toEqual({ type, status: 200 });
    }
  });

  it('keeps requests without a body working, whatever their Content-Type', async () => {
    expect((await withCookie('POST', '/auth/validation', user)).status).toBe(200);
    expect((await withCookie('POST', '/auth/refresh', user, { type: 'text/plain' })).status).toBe(200);
    expect(
      (await withCookie('POST', '/auth/invalidate/me', user, { type: 'text/plain', body: '' })).status,
    ).toBe(200);
    const bridge = await h.app.request('/auth/bridge/validate', {
      method: 'POST',
      headers: { 'x-bridge-secret': BRIDGE_SECRET, 'x-session-id': user },
    });
    expect(bridge.status).toBe(200);
    const doomed = await seedUser(h, { email: 'ct-doomed@example.test', password: PASSWORD });
    expect((await withCookie('DELETE', `/auth/users/${doomed}`, admin)).status).toBe(200);
    expect((await withCookie('POST', '/auth/logout', user)).status).toBe(200);
    expect((await call(h, 'GET', '/auth/validation', { session: user })).status).toBe(401);
  });
});
