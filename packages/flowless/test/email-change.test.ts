/**
 * The account's address and the one-time tokens bound to it, on PostgreSQL, MariaDB and libSQL:
 * a reset or verification link proves only the address it was mailed to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '../../../test/support/databases.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
  tokenFromMail,
} from './support/flowless-harness.js';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless account address and tokens on ${dialect}`, () => {
    let h: Harness;

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_email_change'));
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
    });

    const requestReset = async (email: string): Promise<string> => {
      expect((await call(h, 'POST', '/auth/password-reset/request', { body: { email } })).status).toBe(200);
      await h.drain();
      return tokenFromMail(h, email, 'password_reset');
    };
    const loginStatus = async (email: string, password: string) =>
      (await call(h, 'POST', '/auth/login', { body: { email, password } })).status;
    const isVerified = async (id: string) => (await h.services.users.findById(id))?.isVerified;

    it('a reset mailed to the current, unverified address marks it verified', async () => {
      const reg = await call(h, 'POST', '/auth/register/public', {
        body: { email: 'unverified@example.test', password: 'never verified pw' },
      });
      expect(reg.status).toBe(201);
      expect(await loginStatus('unverified@example.test', 'never verified pw')).toBe(403);
      const token = await requestReset('unverified@example.test');
      const done = await call(h, 'POST', '/auth/password-reset/complete', {
        body: { token, password: 'verified by reset' },
      });
      expect(done.status).toBe(200);
      expect(await loginStatus('unverified@example.test', 'verified by reset')).toBe(200);
    });

    it('a reset mailed to an address the account has since left sets the password but verifies nothing', async () => {
      const id = await seedUser(h, { email: 'left@example.test', password: 'left behind pw' });
      const token = await requestReset('left@example.test');
      // Any path that moves the account to another address (an admin edit, say) leaves it unverified.
      await h.services.users.update(id, { email: 'arrived@example.test', isVerified: false });
      const done = await call(h, 'POST', '/auth/password-reset/reset', {
        body: { token, password: 'reset after move' },
      });
      expect(done).toMatchObject({ status: 200, body: { success: true } });
      expect(await isVerified(id)).toBe(false);
      expect(await loginStatus('arrived@example.test', 'reset after move')).toBe(403);
    });

    it('a verification link mailed to an address the account has since left is refused and verifies nothing', async () => {
      await call(h, 'POST', '/auth/register/public', {
        body: { email: 'first@example.test', password: 'first address pw' },
      });
      await h.drain();
      const token = tokenFromMail(h, 'first@example.test', 'email_verification');
      const user = await h.services.users.findByEmail('first@example.test');
      if (!user) throw new Error('registration stored no user');
      await h.services.users.update(user.id, { email: 'second@example.test' });
      const verify = await call(h, 'POST', '/auth/verify-email', { body: { token } });
      expect(verify).toMatchObject({
        status: 400,
        body: { success: false, verified: false, code: 'ERR_FLOWLESS_INVALID_TOKEN' },
      });
      expect(await isVerified(user.id)).toBe(false);
    });

    it('a password change, by the user or by an admin, voids every outstanding one-time token of the user', async () => {
      const id = await seedUser(h, { email: 'changer@example.test', password: 'changer first pw' });
      await seedUser(h, {
        email: 'tokens-admin@example.test',
        password: 'tokens admin pw',
        userType: 'admin',
      });
      const admin = await login(h, 'tokens-admin@example.test', 'tokens admin pw');
      const outstanding = async () => ({
        reset: await requestReset('changer@example.test'),
        verify: await h.services.tokens.issue(id, 'email_verification', 3_600_000, {
          sentTo: 'changer@example.test',
        }),
      });
      const assertVoided = async (tokens: { reset: string; verify: string }) => {
        expect(await h.services.tokens.peek(tokens.reset, 'password_reset')).toBeNull();
        expect(await h.services.tokens.peek(tokens.verify, 'email_verification')).toBeNull();
        const reset = await call(h, 'POST', '/auth/password-reset/complete', {
          body: { token: tokens.reset, password: 'sneaky reset pw' },
        });
        expect(reset).toMatchObject({ status: 400, body: { code: 'ERR_FLOWLESS_INVALID_TOKEN' } });
      };

      const before = await outstanding();
      const sid = await login(h, 'changer@example.test', 'changer first pw');
      const self = await call(h, 'POST', '/auth/password-change/self', {
        session: sid,
        body: { currentPassword: 'changer first pw', newPassword: 'changer second pw' },
      });
      expect(self.status).toBe(200);
      await assertVoided(before);

      const again = await outstanding();
      const byAdmin = await call(h, 'POST', '/auth/password-change/admin', {
        session: admin,
        body: { userId: id, newPassword: 'changer third pw' },
      });
      expect(byAdmin.status).toBe(200);
      await assertVoided(again);
      expect(await loginStatus('changer@example.test', 'changer third pw')).toBe(200);
    });

    it("an admin's change of a user's email voids the user's outstanding one-time tokens; other edits do not", async () => {
      const id = await seedUser(h, { email: 'moved@example.test', password: 'moved user pw' });
      await seedUser(h, { email: 'mover-admin@example.test', password: 'mover admin pw', userType: 'admin' });
      const admin = await login(h, 'mover-admin@example.test', 'mover admin pw');
      const reset = await requestReset('moved@example.test');
      const renamed = await call(h, 'PUT', `/auth/admin/users/${id}`, {
        session: admin,
        body: { name: 'Mo' },
      });
      expect(renamed.status).toBe(200);
      expect(await h.services.tokens.peek(reset, 'password_reset')).toBe(id);
      const moved = await call(h, 'PUT', `/auth/admin/users/${id}`, {
        session: admin,
        body: { email: 'moved-elsewhere@example.test' },
      });
      expect(moved.status).toBe(200);
      expect(await h.services.tokens.peek(reset, 'password_reset')).toBeNull();
    });
  });
}
