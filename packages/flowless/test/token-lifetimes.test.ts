/**
 * One-time tokens over HTTP, on PostgreSQL, MariaDB and libSQL: an email-verification link lives
 * exactly EMAIL_VERIFICATION_TTL_MS (24 h) on an injected clock, and concurrent uses of one
 * password-reset token let exactly one through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { frozenClock } from '../src/runtime/clock.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
  tokenFromMail,
} from './support/flowless-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless one-time token lifetimes on ${dialect}`, () => {
    let h: Harness;
    const clock = frozenClock(Date.UTC(2032, 5, 1));

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_token_life'), { clock });
    });
    afterAll(() => h.stop());

    const register = async (email: string) => {
      const res = await call(h, 'POST', '/auth/register/public', {
        body: { email, password: 'verify me in time' },
      });
      expect(res.status).toBe(201);
      await h.drain();
      return tokenFromMail(h, email, 'email_verification');
    };

    it('a verification link works until 24 h (EMAIL_VERIFICATION_TTL_MS) after it was sent, and not from then on', async () => {
      expect(h.services.config.EMAIL_VERIFICATION_TTL_MS).toBe(DAY_MS);
      const early = await register('early@example.test');
      const late = await register('late@example.test');
      clock.advance(DAY_MS - 1);
      expect(await call(h, 'GET', `/auth/verify-email?token=${early}`)).toMatchObject({
        status: 200,
        body: { success: true, verified: true },
      });
      clock.advance(1);
      expect(await call(h, 'GET', `/auth/verify-email?token=${late}`)).toMatchObject({
        status: 400,
        body: { success: false, verified: false, error: 'Invalid or expired token' },
      });
      expect(
        await call(h, 'POST', '/auth/login', {
          body: { email: 'late@example.test', password: 'verify me in time' },
        }),
      ).toMatchObject({ status: 403, body: { code: 'EMAIL_NOT_VERIFIED' } });
      expect(
        (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'early@example.test', password: 'verify me in time' },
          })
        ).status,
      ).toBe(200);

      // A fresh link restarts the 24 hours from the moment it is sent.
      await call(h, 'POST', '/auth/resend-verification', { body: { email: 'late@example.test' } });
      await h.drain();
      const renewed = tokenFromMail(h, 'late@example.test', 'email_verification');
      clock.advance(DAY_MS - 1);
      expect((await call(h, 'POST', '/auth/verify-email', { body: { token: renewed } })).status).toBe(200);
    });

    it('of concurrent uses of one reset token exactly one succeeds, and only its password is set', async () => {
      const userId = await seedUser(h, { email: 'race@example.test', password: 'race start password' });
      const sid = await login(h, 'race@example.test', 'race start password');
      const token = await h.services.tokens.issue(userId, 'password_reset', 3_600_000);
      const passwords = Array.from({ length: 5 }, (_, i) => `race winner number ${i}`);
      const answers = await Promise.all(
        passwords.map((password, i) =>
          call(h, 'POST', i % 2 === 0 ? '/auth/password-reset/reset' : '/auth/password-reset/complete', {
            body: { token, password },
          }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 400)).toHaveLength(passwords.length - 1);
      for (const lost of answers.filter((a) => a.status === 400)) {
        expect(lost.body).toMatchObject({ success: false, error: 'Invalid or expired token' });
      }
      const winner = passwords[statuses.indexOf(200)] as string;
      const logins = await Promise.all(
        passwords.map(
          async (password) =>
            (await call(h, 'POST', '/auth/login', { body: { email: 'race@example.test', password } })).status,
        ),
      );
      expect(logins).toEqual(passwords.map((p) => (p === winner ? 200 : 401)));
      expect((await call(h, 'GET', '/auth/validation', { session: sid })).status).toBe(401);
    });
  });
}
