/**
 * The per-account lock through the HTTP app, on every dialect and the in-memory counter backend:
 * login failures lock the account, the lock ends by itself, and a wrong current password on
 * `POST /auth/password-change/self` or on an email change counts against the same lock as login.
 * Time comes from a frozen clock.
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
} from './support/flowless-harness.js';

const MAX_FAILURES = 3;
const LOCK_MS = 900_000;

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless per-account lock on ${dialect}`, () => {
    let h: Harness;
    const clock = frozenClock(Date.UTC(2031, 0, 1));
    const attempt = (email: string, password: string) =>
      call(h, 'POST', '/auth/login', { body: { email, password } });
    const change = (session: string, current: string, next = 'a brand new password') =>
      call(h, 'POST', '/auth/password-change/self', {
        session,
        body: { current_password: current, new_password: next },
      });

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_account_lock'), {
        clock,
        env: {
          LOGIN_MAX_FAILURES: String(MAX_FAILURES),
          LOGIN_FAILURE_WINDOW_MS: '600000',
          LOGIN_LOCK_MS: String(LOCK_MS),
        },
      });
    });
    afterAll(() => h.stop());

    it('fewer than LOGIN_MAX_FAILURES wrong passwords do not lock: the right password still logs in', async () => {
      await seedUser(h, { email: 'lock0@example.test', password: 'lock zero password' });
      for (let i = 0; i < MAX_FAILURES - 1; i++) {
        expect((await attempt('lock0@example.test', 'wrong password')).status).toBe(401);
      }
      expect((await attempt('lock0@example.test', 'lock zero password')).status).toBe(200);
    });

    it('after LOGIN_MAX_FAILURES wrong passwords even the right password is refused, until the lock expires by itself after LOGIN_LOCK_MS', async () => {
      await seedUser(h, { email: 'lock1@example.test', password: 'lock one password' });
      for (let i = 0; i < MAX_FAILURES; i++) {
        expect((await attempt('lock1@example.test', 'wrong password')).status).toBe(401);
      }
      const locked = await attempt('lock1@example.test', 'lock one password');
      expect(locked).toMatchObject({ status: 401, body: { error: 'Invalid credentials' } });
      expect(locked.body).not.toHaveProperty('session_id');
      clock.advance(LOCK_MS - 1_000);
      expect((await attempt('lock1@example.test', 'lock one password')).status).toBe(401);
      clock.advance(1_000);
      expect((await attempt('lock1@example.test', 'lock one password')).status).toBe(200);
    });

    it('wrong current passwords on password-change/self lock the account: the correct current password is then refused and the password stays', async () => {
      await seedUser(h, { email: 'lock2@example.test', password: 'lock two password' });
      const sid = await login(h, 'lock2@example.test', 'lock two password');
      for (let i = 0; i < MAX_FAILURES; i++) {
        expect(await change(sid, 'not my password')).toMatchObject({
          status: 400,
          body: { error: 'Current password is incorrect', code: 'ERR_FLOWLESS_INVALID_CREDENTIALS' },
        });
      }
      const refused = await change(sid, 'lock two password');
      expect(refused).toMatchObject({
        status: 401,
        body: { error: 'Current password is incorrect', code: 'ERR_FLOWLESS_INVALID_CREDENTIALS' },
      });
      expect(refused.body).not.toHaveProperty('session_id');
      // Still the caller's session: the refusal is the lock's, not the session's.
      expect((await call(h, 'GET', '/auth/validation', { session: sid })).status).toBe(200);
      clock.advance(LOCK_MS);
      expect((await attempt('lock2@example.test', 'a brand new password')).status).toBe(401);
      expect((await attempt('lock2@example.test', 'lock two password')).status).toBe(200);
    });

    it('the password check and login share one counter: failures on both lock the account for both, and both work again after the lock', async () => {
      await seedUser(h, { email: 'lock3@example.test', password: 'lock three password' });
      const sid = await login(h, 'lock3@example.test', 'lock three password');
      for (let i = 0; i < MAX_FAILURES - 1; i++) {
        expect((await attempt('lock3@example.test', 'wrong password')).status).toBe(401);
      }
      expect((await change(sid, 'not my password')).status).toBe(400);
      expect((await attempt('lock3@example.test', 'lock three password')).status).toBe(401);
      expect((await change(sid, 'lock three password')).status).toBe(401);
      clock.advance(LOCK_MS);
      expect((await attempt('lock3@example.test', 'lock three password')).status).toBe(200);
      expect((await change(sid, 'lock three password')).status).toBe(200);
    });

    it('a correct current password clears earlier failures, as a successful login does', async () => {
      await seedUser(h, { email: 'lock4@example.test', password: 'lock four password' });
      const sid = await login(h, 'lock4@example.test', 'lock four password');
      for (let i = 0; i < MAX_FAILURES - 1; i++) {
        expect((await change(sid, 'not my password')).status).toBe(400);
      }
      const changed = await change(sid, 'lock four password', 'lock four renewed');
      expect(changed.status).toBe(200);
      const renewed = changed.body.session_id as string;
      for (let i = 0; i < MAX_FAILURES - 1; i++) {
        expect((await change(renewed, 'not my password')).status).toBe(400);
      }
      expect((await attempt('lock4@example.test', 'lock four renewed')).status).toBe(200);
    });

    it('wrong current passwords on an email change count on the same lock: then even the right one is refused and nothing is mailed', async () => {
      await seedUser(h, { email: 'lock5@example.test', password: 'lock five password' });
      const sid = await login(h, 'lock5@example.test', 'lock five password');
      const changeEmail = (current: string) =>
        call(h, 'PUT', '/auth/profile', {
          session: sid,
          body: { email: 'lock5-new@example.test', currentPassword: current },
        });
      for (let i = 0; i < MAX_FAILURES; i++) {
        expect(await changeEmail('not my password')).toMatchObject({
          status: 400,
          body: { error: 'Current password is incorrect' },
        });
      }
      expect(await changeEmail('lock five password')).toMatchObject({
        status: 401,
        body: { error: 'Current password is incorrect', code: 'ERR_FLOWLESS_INVALID_CREDENTIALS' },
      });
      expect((await attempt('lock5@example.test', 'lock five password')).status).toBe(401);
      await h.drain();
      expect(h.mailer.messages.filter((m) => m.kind.startsWith('email_change'))).toHaveLength(0);
      clock.advance(LOCK_MS);
      expect((await changeEmail('lock five password')).status).toBe(200);
    });
  });
}
