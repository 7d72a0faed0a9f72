import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { useContractAuth } from '../../../test/support/index.js';
import { bridgeAuth } from '../bridge-auth/index.js';
import { requireAuth } from '../require-auth/index.js';
import { requireUserType } from './index.js';

const { validator } = useContractAuth({
  sessions: {
    'sess-admin': { user_id: 'a1', user_type: 'admin' },
    'sess-customer': { user_id: 'c1' },
    'sess-superadmin': { user_id: 's1', user_type: 'superadmin' },
    'sess-super_admin': { user_id: 's2', user_type: 'super_admin' },
  },
});
const deleted: string[] = [];
const deleteUser = async (id: string) => {
  deleted.push(id);
};

function adminApp() {
  const app = new Hono();
  app.use('*', bridgeAuth({ validator }));
  // The documented example, unchanged.
  app.delete(
    '/api/v1/admin/users/:id',
    requireAuth(),
    requireUserType(['admin', 'super_admin']),
    async (c) => {
      // Only admins can delete users
      const userId = c.req.param('id');
      await deleteUser(userId);
      return c.json({ success: true });
    },
  );
  app.get('/no-auth-first', requireUserType(['admin']), (c) => c.text('ran'));
  return app;
}

describe('requireUserType()', () => {
  it('lets an allowed user type through', async () => {
    const response = await adminApp().request('/api/v1/admin/users/42', {
      method: 'DELETE',
      headers: { 'X-Session-ID': 'sess-admin' },
    });
    expect(response.status).toBe(200);
    expect(deleted).toEqual(['42']);
  });

  it('answers 403 INSUFFICIENT_PERMISSIONS to another user type without running the handler', async () => {
    const response = await adminApp().request('/api/v1/admin/users/43', {
      method: 'DELETE',
      headers: { 'X-Session-ID': 'sess-customer' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      success: false,
      error: 'Insufficient permissions',
      code: 'INSUFFICIENT_PERMISSIONS',
    });
    expect(deleted).not.toContain('43');
  });

  it("reads 'super_admin' in the list as the canonical 'superadmin'; a session typed super_admin is refused", async () => {
    const superadmin = await adminApp().request('/api/v1/admin/users/44', {
      method: 'DELETE',
      headers: { 'X-Session-ID': 'sess-superadmin' },
    });
    expect(superadmin.status).toBe(200);
    const legacy = await adminApp().request('/api/v1/admin/users/45', {
      method: 'DELETE',
      headers: { 'X-Session-ID': 'sess-super_admin' },
    });
    expect(legacy.status).toBe(403);
    expect(deleted).toContain('44');
    expect(deleted).not.toContain('45');
  });

  it('answers 401 AUTH_REQUIRED when no session was validated before it', async () => {
    const response = await adminApp().request('/no-auth-first');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('AUTH_REQUIRED');
  });

  it('rejects an empty list at setup', () => {
    expect(() => requireUserType([])).toThrow(/"allowedTypes"/);
  });
});
