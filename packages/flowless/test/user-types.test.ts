/**
 * One canonical name per privileged user type: `admin` and `superadmin`. Any other spelling sent
 * as a user type (`super_admin`, `Super-Admin`, `SUPERADMIN`…) is read as the canonical one, so
 * the superadmin rules apply to it: an admin cannot create or promote to superadmin under any
 * spelling, and a superadmin who asks for `super_admin` gets `superadmin`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import {
  call,
  countRows,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'user types password';
const SPELLINGS = ['super_admin', 'Super-Admin', 'SUPERADMIN', 'superAdmin', ' super admin '];

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless user types on ${dialect}`, () => {
    let h: Harness;
    let admin: string;
    let superadmin: string;
    let customerId: string;
    let counter = 0;

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_user_types'));
      const signIn = async (email: string, userType: string) =>
        (await signedInUser(h, { email, password: PASSWORD, userType })).session;
      admin = await signIn('ut-admin@example.test', 'admin');
      superadmin = await signIn('ut-super@example.test', 'superadmin');
      customerId = await seedUser(h, { email: 'ut-customer@example.test', password: PASSWORD });
    });
    afterAll(() => h.stop());

    it('refuses an admin creating a superadmin under any spelling, on every create route', async () => {
      const before = await countRows(h.handle, 'users');
      for (const path of ['/auth/register', '/auth/users', '/auth/admin/users']) {
        for (const userType of SPELLINGS) {
          const res = await call(h, 'POST', path, {
            session: admin,
            body: { email: `ut-${++counter}@example.test`, password: PASSWORD, userType },
          });
          expect({ path, userType, status: res.status, error: res.body.error }).toEqual({
            path,
            userType,
            status: 403,
            error: 'Only a superadmin can create a superadmin',
          });
        }
      }
      expect(await countRows(h.handle, 'users')).toBe(before);
    });

    it('refuses an admin promoting a user to superadmin under any spelling', async () => {
      for (const userType of SPELLINGS) {
        const res = await call(h, 'PATCH', `/auth/users/${customerId}`, {
          session: admin,
          body: { user_type: userType },
        });
        expect({ userType, status: res.status }).toEqual({ userType, status: 403 });
      }
      const shown = await call(h, 'GET', `/auth/users/${customerId}`, { session: admin });
      expect((shown.body.user as { user_type: string }).user_type).toBe('customer');
    });

    it('stores the canonical name when a superadmin asks for super_admin, and that user is an admin', async () => {
      const res = await call(h, 'POST', '/auth/users', {
        session: superadmin,
        body: { email: 'ut-made-super@example.test', password: PASSWORD, user_type: 'super_admin' },
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ user_type: 'superadmin', userType: 'superadmin' });
      const made = await login(h, 'ut-made-super@example.test', PASSWORD);
      expect((await call(h, 'GET', '/auth/users', { session: made })).status).toBe(200);
      const promoted = await call(h, 'PUT', `/auth/admin/users/${customerId}`, {
        session: superadmin,
        body: { userType: 'Admin' },
      });
      expect(promoted.body.user).toMatchObject({ user_type: 'admin' });
    });

    it('filters the user list by the canonical name whatever spelling is asked for', async () => {
      const res = await call(h, 'GET', '/auth/users?userType=super_admin&limit=100', { session: admin });
      expect(res.status).toBe(200);
      const types = (res.body.data as { users: { user_type: string }[] }).users.map((u) => u.user_type);
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(['superadmin']));
    });
  });
}
