import { Hono } from 'hono';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { useContractAuth } from '../../../test/support/index.js';
import { bridgeAuth } from '../bridge-auth/index.js';
import { MiddlewareConfigError } from '../errors.js';
import { requireAuth } from './index.js';

const { flowless, makeValidator } = useContractAuth({
  sessions: { 'sess-good': { user_id: 'u1', user_type: 'admin' } },
  validator: { retryAttempts: 0 },
});

function protectedApp(validator = makeValidator(), auth: Parameters<typeof requireAuth>[0] = {}) {
  const app = new Hono();
  const ran: string[] = [];
  app.use('*', bridgeAuth({ validator }));
  app.get('/api/v1/protected', requireAuth(auth), (c) => {
    // Behind requireAuth() the user is always known: user_id is a string, not string | null.
    expectTypeOf(c.get('user_id')).toEqualTypeOf<string>();
    ran.push(c.get('user_id'));
    return c.json({ userId: c.get('user_id'), type: c.get('session').user_type, guest: c.get('is_guest') });
  });
  return { app, ran };
}

describe('requireAuth()', () => {
  it('runs the handler with user_id, session and is_guest for a valid session', async () => {
    const { app, ran } = protectedApp();
    const response = await app.request('/api/v1/protected', { headers: { 'X-Session-ID': 'sess-good' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: 'u1', type: 'admin', guest: false });
    expect(ran).toEqual(['u1']);
  });

  it.each([
    ['a cookie', { headers: { cookie: 'session_id=sess-good' } }, '/api/v1/protected'],
    ['a sessionId cookie', { headers: { cookie: 'sessionId=sess-good' } }, '/api/v1/protected'],
    ['the query', {}, '/api/v1/protected?session_id=sess-good'],
    ['a bearer token', { headers: { authorization: 'Bearer sess-good' } }, '/api/v1/protected'],
  ])('accepts the session id from %s', async (_name, init, path) => {
    const { app } = protectedApp();
    expect((await app.request(path, init)).status).toBe(200);
  });

  it('refuses the query source when sessionFromQuery is off', async () => {
    const { app } = protectedApp(undefined, { sessionFromQuery: false });
    const response = await app.request('/api/v1/protected?session_id=sess-good');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      success: false,
      error: 'Session ID required',
      code: 'SESSION_MISSING',
    });
  });

  it('answers 401 SESSION_INVALID for an unknown session and does not run the handler', async () => {
    const { app, ran } = protectedApp();
    const response = await app.request('/api/v1/protected', { headers: { 'X-Session-ID': 'sess-unknown' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      success: false,
      error: 'Invalid session',
      code: 'SESSION_INVALID',
    });
    expect(ran).toEqual([]);
  });

  it('answers 401 SESSION_MALFORMED for an over-long or non-ASCII id without calling Flowless', async () => {
    const { app } = protectedApp();
    const long = await app.request('/api/v1/protected', { headers: { 'X-Session-ID': 'x'.repeat(257) } });
    const accented = await app.request('/api/v1/protected?session_id=caf%C3%A9');
    for (const response of [long, accented]) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe('SESSION_MALFORMED');
    }
    expect(flowless.validateCalls).toBe(0);
  });

  it('answers 503 AUTH_UNAVAILABLE, never 401, when Flowless fails', async () => {
    flowless.setFault('status-500');
    const { app, ran } = protectedApp();
    const response = await app.request('/api/v1/protected', { headers: { 'X-Session-ID': 'sess-good' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      success: false,
      error: 'Authentication service unavailable',
      code: 'AUTH_UNAVAILABLE',
    });
    expect(ran).toEqual([]);
  });

  it('takes a validator passed explicitly, without bridgeAuth()', async () => {
    const app = new Hono();
    app.get('/p', requireAuth({ validator: makeValidator() }), (c) => c.text(c.get('user_id')));
    const response = await app.request('/p', { headers: { 'X-Session-ID': 'sess-good' } });
    expect(await response.text()).toBe('u1');
  });

  it('fails loudly when no validator is installed', async () => {
    const app = new Hono();
    let error: unknown;
    app.onError((e, c) => {
      error = e;
      return c.text('misconfigured', 500);
    });
    app.get('/p', requireAuth(), (c) => c.text('ran'));
    expect((await app.request('/p', { headers: { 'X-Session-ID': 'sess-good' } })).status).toBe(500);
    expect(error).toBeInstanceOf(MiddlewareConfigError);
  });
});
