import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { useContractAuth } from '../../../test/support/index.js';
import { bridgeAuth } from '../bridge-auth/index.js';
import { type RoutePermission, routePermissions } from './index.js';
import { compilePathPattern } from './path-pattern.js';

const { validator } = useContractAuth({
  sessions: {
    'sess-admin': { user_id: 'a1', user_type: 'admin' },
    'sess-user': { user_id: 'u1', user_type: 'user' },
    'sess-customer': { user_id: 'c1', user_type: 'customer' },
    'sess-superadmin': { user_id: 's1', user_type: 'superadmin' },
    'sess-super_admin': { user_id: 's2', user_type: 'super_admin' },
  },
});

// The documented table, unchanged.
const ROUTE_PERMISSIONS: Record<string, RoutePermission> = {
  '/api/v1/admin/*': {
    allowedUserTypes: ['admin', 'super_admin'],
    requireAuth: true,
    adminOnly: true,
  },

  '/api/v1/payments': {
    allowedUserTypes: ['admin', 'user', 'guest'],
    requireAuth: false, // Optional auth
    ownershipCheck: true,
  },

  '/api/v1/webhooks/*': {
    allowedUserTypes: ['anonymous'],
    requireAuth: false,
  },
};

function app() {
  const a = new Hono();
  a.use('*', bridgeAuth({ validator }));
  a.use(
    '*',
    routePermissions(ROUTE_PERMISSIONS, {
      ownershipCheck: (c, session) => c.req.query('owner') === (session?.user_id ?? 'guest'),
    }),
  );
  a.all('*', (c) => c.json({ user: c.get('user_id') ?? null, guest: c.get('is_guest') ?? null }));
  return a;
}

const as = (id: string) => ({ headers: { 'X-Session-ID': id } });

describe('routePermissions()', () => {
  it('admits an admin to /api/v1/admin/* and refuses other users with 403 and guests with 401', async () => {
    expect((await app().request('/api/v1/admin/users/1', as('sess-admin'))).status).toBe(200);
    expect((await app().request('/api/v1/admin', as('sess-admin'))).status).toBe(200);
    expect((await app().request('/api/v1/admin/users/1', as('sess-user'))).status).toBe(403);
    const guest = await app().request('/api/v1/admin/users/1');
    expect(guest.status).toBe(401);
    expect(((await guest.json()) as { code: string }).code).toBe('SESSION_MISSING');
  });

  it('reads super_admin in a table as the canonical superadmin: a superadmin is admitted, a super_admin user is not', async () => {
    expect((await app().request('/api/v1/admin/users/1', as('sess-superadmin'))).status).toBe(200);
    const legacy = await app().request('/api/v1/admin/users/1', as('sess-super_admin'));
    expect(legacy.status).toBe(403);
    expect(await legacy.json()).toMatchObject({ code: 'INSUFFICIENT_PERMISSIONS' });
  });

  it('adminOnly admits admin and superadmin by default, and no other type', async () => {
    const ops = new Hono();
    ops.use('*', bridgeAuth({ validator }));
    ops.use('*', routePermissions({ '/ops/*': { adminOnly: true } }));
    ops.all('*', (c) => c.json({ user: c.get('user_id') }));
    const statusOf = async (session: string) => (await ops.request('/ops/x', as(session))).status;
    expect(await statusOf('sess-admin')).toBe(200);
    expect(await statusOf('sess-superadmin')).toBe(200);
    expect(await statusOf('sess-super_admin')).toBe(403);
    expect(await statusOf('sess-customer')).toBe(403);
  });

  it('on an optional-auth route admits listed types and guests, subject to the ownership check', async () => {
    expect(await (await app().request('/api/v1/payments?owner=u1', as('sess-user'))).json()).toEqual({
      user: 'u1',
      guest: false,
    });
    expect((await app().request('/api/v1/payments?owner=guest')).status).toBe(200);
    expect((await app().request('/api/v1/payments?owner=someone-else', as('sess-user'))).status).toBe(403);
    expect((await app().request('/api/v1/payments?owner=c1', as('sess-customer'))).status).toBe(403);
  });

  it('lets anyone call an anonymous route', async () => {
    expect((await app().request('/api/v1/webhooks/stripe', { method: 'POST' })).status).toBe(200);
    expect((await app().request('/api/v1/webhooks/stripe', as('sess-customer'))).status).toBe(200);
  });

  it('leaves paths outside the table alone', async () => {
    expect(await (await app().request('/health', as('sess-admin'))).json()).toEqual({
      user: null,
      guest: null,
    });
  });

  it('refuses an ownership entry without an ownership check at setup', () => {
    expect(() => routePermissions({ '/x': { ownershipCheck: true } })).toThrow(/"ownershipCheck" is missing/);
  });
});

describe('compilePathPattern()', () => {
  it('matches a trailing /* at any depth and * as one segment', () => {
    expect(compilePathPattern('/a/*').regex.test('/a/b/c')).toBe(true);
    expect(compilePathPattern('/a/*').regex.test('/ab')).toBe(false);
    expect(compilePathPattern('/a/*/c').regex.test('/a/b/c')).toBe(true);
    expect(compilePathPattern('/a/*/c').regex.test('/a/b/x/c')).toBe(false);
    expect(compilePathPattern('/a.b').regex.test('/aXb')).toBe(false);
  });

  it('rejects a path that does not start with a slash', () => {
    expect(() => compilePathPattern('api/*')).toThrow(TypeError);
  });
});
