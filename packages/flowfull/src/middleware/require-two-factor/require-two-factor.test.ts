import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { useContractAuth } from '../../../test/support/index.js';
import { bridgeAuth } from '../bridge-auth/index.js';
import { requireAuth } from '../require-auth/index.js';
import { routePermissions } from '../route-permissions/index.js';
import { requireTwoFactor } from './index.js';

const { validator } = useContractAuth({
  sessions: {
    'sess-totp': { user_id: 'u1', two_factor_verified: true, two_factor_methods: ['totp'] },
    'sess-email': { user_id: 'u2', two_factor_verified: true, two_factor_methods: ['email'] },
    'sess-password': { user_id: 'u3' },
  },
});
let ran: string[] = [];

function app() {
  ran = [];
  const hono = new Hono();
  hono.use('*', bridgeAuth({ validator }));
  hono.post('/payouts', requireAuth(), requireTwoFactor(), (c) => {
    ran.push('payouts');
    return c.json({ success: true, methods: c.get('session')?.two_factor_methods });
  });
  hono.delete('/account', requireAuth(), requireTwoFactor({ methods: ['totp'] }), (c) => {
    ran.push('account');
    return c.json({ success: true });
  });
  hono.get('/no-auth-first', requireTwoFactor(), (c) => c.text('ran'));
  return hono;
}

const send = (method: string, path: string, session?: string) =>
  app().request(path, { method, headers: session ? { 'X-Session-ID': session } : {} });

describe('requireTwoFactor()', () => {
  it('lets a session verified with a second factor through, with its methods on the session', async () => {
    const response = await send('POST', '/payouts', 'sess-totp');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, methods: ['totp'] });
    expect(ran).toEqual(['payouts']);
  });

  it('answers 403 TWO_FACTOR_REQUIRED to a password-only session without running the handler', async () => {
    const response = await send('POST', '/payouts', 'sess-password');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      success: false,
      error: 'Two-factor authentication required',
      code: 'TWO_FACTOR_REQUIRED',
    });
    expect(ran).toEqual([]);
  });

  it('with methods, refuses a session verified only with another method', async () => {
    expect((await send('DELETE', '/account', 'sess-email')).status).toBe(403);
    expect((await send('DELETE', '/account', 'sess-totp')).status).toBe(200);
  });

  it('answers 401 when no session was authenticated first', async () => {
    const response = await send('GET', '/no-auth-first');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
  });

  it('refuses bad options with a TypeError naming them', () => {
    expect(() => requireTwoFactor({ methods: 'totp' as unknown as string[] })).toThrow(/"methods"/);
  });
});

describe('routePermissions() with requireTwoFactor', () => {
  function guarded() {
    const hono = new Hono();
    hono.use('*', bridgeAuth({ validator }));
    hono.use('*', routePermissions({ '/api/v1/billing/*': { requireTwoFactor: true } }));
    hono.get('/api/v1/billing/invoices', (c) => c.json({ success: true }));
    hono.get('/api/v1/public', (c) => c.json({ success: true }));
    return hono;
  }
  const get = (path: string, session?: string) =>
    guarded().request(path, { headers: session ? { 'X-Session-ID': session } : {} });

  it('admits second-factor sessions on matching paths and refuses others with 403 TWO_FACTOR_REQUIRED', async () => {
    expect((await get('/api/v1/billing/invoices', 'sess-email')).status).toBe(200);
    const refused = await get('/api/v1/billing/invoices', 'sess-password');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
    expect((await get('/api/v1/billing/invoices')).status).toBe(401);
    expect((await get('/api/v1/public', 'sess-password')).status).toBe(200);
  });
});
