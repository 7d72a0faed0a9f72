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
  });
}
