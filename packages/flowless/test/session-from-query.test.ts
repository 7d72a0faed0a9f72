/**
 * `AUTH_SESSION_FROM_QUERY`: with it off, no route reads the session id from `?session_id=`
 * (session guard, validation, refresh, logout, bridge validate); header, cookie and bearer still
 * work. On by default (the contract tests send the query). The rule is HTTP-only, so libSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'query setting password';

describe('Flowless with AUTH_SESSION_FROM_QUERY=false', () => {
  let h: Harness;
  let sid: string;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_session_query'), {
      env: { AUTH_SESSION_FROM_QUERY: 'false' },
    });
    await seedUser(h, { email: 'query@example.test', password: PASSWORD });
    sid = await login(h, 'query@example.test', PASSWORD);
  });
  afterAll(async () => {
    await h.close();
    await h.handle.db.destroy();
  });

  it('refuses ?session_id= on the session guard, validation and refresh with 401 "Invalid session"', async () => {
    for (const [method, path] of [
      ['GET', '/auth/user/me'],
      ['GET', '/auth/me'],
      ['GET', '/auth/validation'],
      ['POST', '/auth/validate-session'],
      ['POST', '/auth/refresh'],
    ] as const) {
      const res = await call(h, method, `${path}?session_id=${sid}`);
      expect({ path, status: res.status, error: res.body.error }).toEqual({
        path,
        status: 401,
        error: 'Invalid session',
      });
    }
  });

  it('does not log out the session named in ?session_id=', async () => {
    expect((await call(h, 'POST', `/auth/logout?session_id=${sid}`)).status).toBe(200);
    expect((await call(h, 'GET', '/auth/validation', { session: sid })).status).toBe(200);
  });

  it('refuses ?session_id= on bridge validate, and accepts the id in the header or body', async () => {
    const headers = { 'x-bridge-secret': BRIDGE_SECRET };
    const byQuery = await call(h, 'POST', `/auth/bridge/validate?session_id=${sid}`, { headers });
    expect(byQuery).toMatchObject({ status: 401, body: { error: 'Invalid session', valid: false } });
    const byBody = await call(h, 'POST', '/auth/bridge/validate', { headers, body: { session_id: sid } });
    expect(byBody).toMatchObject({ status: 200, body: { valid: true } });
  });

  it('still reads the header, the cookie and a bearer token', async () => {
    expect((await call(h, 'GET', '/auth/user/me', { session: sid })).status).toBe(200);
    const cookie = await call(h, 'GET', '/auth/user/me', { headers: { cookie: `session_id=${sid}` } });
    expect(cookie.status).toBe(200);
    const bearer = await call(h, 'GET', '/auth/user/me', { headers: { authorization: `Bearer ${sid}` } });
    expect(bearer.status).toBe(200);
  });
});
