/**
 * The account's address and the one-time tokens bound to it, on PostgreSQL, MariaDB and libSQL:
 * a self-service email change needs the current password and waits for the link mailed to the new
 * address; a reset or verification link proves only the address it was mailed to; password and
 * email changes void the outstanding tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { frozenClock } from '../src/runtime/clock.js';
import { sha256Hex } from '../src/secrets/opaque-secret.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  loginStatus,
  seedUser,
  startFlowless,
  tokenFromMail,
} from './support/flowless-harness.js';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless account address and tokens on ${dialect}`, () => {
    let h: Harness;
    const clock = frozenClock(Date.UTC(2033, 0, 1));

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_email_change'), { clock });
    });
    afterAll(() => h.stop());

    const requestReset = async (email: string): Promise<string> => {
      expect((await call(h, 'POST', '/auth/password-reset/request', { body: { email } })).status).toBe(200);
      await h.drain();
      return tokenFromMail(h, email, 'password_reset');
    };
    const isVerified = async (id: string) => (await h.services.users.findById(id))?.isVerified;

    it('a reset mailed to the current, unverified address marks it verified', async () => {
      const reg = await call(h, 'POST', '/auth/register/public', {
        body: { email: 'unverified@example.test', password: 'never verified pw' },
      });
      expect(reg.status).toBe(201);
      expect(await loginStatus(h, 'unverified@example.test', 'never verified pw')).toBe(403);
      const token = await requestReset('unverified@example.test');
      const done = await call(h, 'POST', '/auth/password-reset/complete', {
        body: { token, password: 'verified by reset' },
      });
      expect(done.status).toBe(200);
      expect(await loginStatus(h, 'unverified@example.test', 'verified by reset')).toBe(200);
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
      expect(await loginStatus(h, 'arrived@example.test', 'reset after move')).toBe(403);
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
      expect(await loginStatus(h, 'changer@example.test', 'changer third pw')).toBe(200);
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

    const mailsTo = (to: string, kind: string) =>
      h.mailer.messages.filter((m) => m.to === to && m.kind === kind);
    const me = async (sid: string) =>
      (await call(h, 'GET', '/auth/me', { session: sid })).body.data as { user: { email: string } };
    const changeEmail = (sid: string, body: Record<string, unknown>) =>
      call(h, 'PUT', '/auth/profile', { session: sid, body });
    const confirm = (token: string) => call(h, 'POST', '/auth/email-change/confirm', { body: { token } });

    it('the reset-then-change takeover fails: the address stays until the new one confirms, and the reset verifies only the old one', async () => {
      const id = await seedUser(h, { email: 'attacker@example.test', password: 'attacker own pw' });
      const sid = await login(h, 'attacker@example.test', 'attacker own pw');
      const reset = await requestReset('attacker@example.test');
      const change = await changeEmail(sid, {
        email: 'ceo@victim-corp.test',
        current_password: 'attacker own pw',
      });
      expect(change.status).toBe(200);
      expect((await me(sid)).user.email).toBe('attacker@example.test');
      const done = await call(h, 'POST', '/auth/password-reset/complete', {
        body: { token: reset, password: 'attacker new pw' },
      });
      expect(done.status).toBe(200);
      const user = await h.services.users.findById(id);
      expect(user).toMatchObject({ email: 'attacker@example.test', isVerified: true });
      expect(await h.services.users.findByEmail('ceo@victim-corp.test')).toBeNull();
      expect(await loginStatus(h, 'ceo@victim-corp.test', 'attacker new pw')).toBe(401);
      // The reset voided the pending change: the link mailed to the victim no longer works.
      const link = tokenFromMail(h, 'ceo@victim-corp.test', 'email_change');
      expect((await confirm(link)).status).toBe(400);
    });

    it('a new email needs the current password (either casing); missing or wrong changes nothing and mails nothing', async () => {
      await seedUser(h, { email: 'careful@example.test', password: 'careful user pw' });
      const sid = await login(h, 'careful@example.test', 'careful user pw');
      const sent = h.mailer.messages.length;
      const missing = await changeEmail(sid, { email: 'other@example.test', name: 'Renamed' });
      expect(missing).toMatchObject({
        status: 400,
        body: {
          success: false,
          code: 'PROOF_REQUIRED',
          error: 'current_password or verification_code is required',
        },
      });
      const wrong = await changeEmail(sid, {
        email: 'other@example.test',
        name: 'Renamed',
        currentPassword: 'not my password',
      });
      expect(wrong).toMatchObject({
        status: 400,
        body: {
          success: false,
          code: 'ERR_FLOWLESS_INVALID_CREDENTIALS',
          error: 'Current password is incorrect',
        },
      });
      await h.drain();
      expect(h.mailer.messages.length).toBe(sent);
      const user = await h.services.users.findByEmail('careful@example.test');
      expect(user?.name).toBeNull();
      // Other fields need no password, and the same email is no change.
      const same = await changeEmail(sid, { email: 'Careful@Example.test', name: 'Kept' });
      expect(same).toMatchObject({ status: 200, body: { message: 'Profile updated' } });
      expect(same.body.pending_email).toBeUndefined();
    });

    it('a confirmed change moves the account to the verified new address, notifies the old one, and voids the other tokens', async () => {
      const id = await seedUser(h, { email: 'mover@example.test', password: 'mover user pw' });
      const sid = await login(h, 'mover@example.test', 'mover user pw');
      const reset = await requestReset('mover@example.test');
      const change = await changeEmail(sid, {
        email: 'Mover.New@Example.test',
        currentPassword: 'mover user pw',
        name: 'Mover',
      });
      expect(change).toMatchObject({
        status: 200,
        body: {
          success: true,
          pending_email: 'mover.new@example.test',
          pendingEmail: 'mover.new@example.test',
          user: { email: 'mover@example.test', name: 'Mover' },
        },
      });
      await h.drain();
      const [notice] = mailsTo('mover@example.test', 'email_change_notice');
      expect(notice?.text).toContain('mover.new@example.test');
      expect(notice?.text).not.toMatch(/token=/);
      const token = tokenFromMail(h, 'mover.new@example.test', 'email_change');
      expect(await loginStatus(h, 'mover.new@example.test', 'mover user pw')).toBe(401);

      const row = await h.handle.db
        .selectFrom('one_time_tokens')
        .selectAll()
        .where('user_id', '=', id)
        .where('purpose', '=', 'email_change')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ token_hash: sha256Hex(token), sent_to: 'mover.new@example.test' });
      expect(JSON.stringify(row)).not.toContain(token);

      const done = await confirm(token);
      expect(done).toMatchObject({
        status: 200,
        body: { success: true, email: 'mover.new@example.test', message: 'Email address changed' },
      });
      expect(await h.services.users.findById(id)).toMatchObject({
        email: 'mover.new@example.test',
        isVerified: true,
      });
      expect((await me(sid)).user.email).toBe('mover.new@example.test');
      expect(await loginStatus(h, 'mover.new@example.test', 'mover user pw')).toBe(200);
      expect(await loginStatus(h, 'mover@example.test', 'mover user pw')).toBe(401);
      expect(await confirm(token)).toMatchObject({
        status: 400,
        body: { code: 'ERR_FLOWLESS_INVALID_TOKEN' },
      });
      expect(await h.services.tokens.peek(reset, 'password_reset')).toBeNull();
    });

    it('the answer is the same whether the new address is taken; a taken one gets no link', async () => {
      await seedUser(h, { email: 'holder@example.test', password: 'holder user pw' });
      await seedUser(h, { email: 'prober@example.test', password: 'prober user pw' });
      const sid = await login(h, 'prober@example.test', 'prober user pw');
      const answer = async (email: string) => {
        const res = await changeEmail(sid, { email, current_password: 'prober user pw' });
        const { data: _data, user: _user, pending_email, pendingEmail, ...rest } = res.body;
        expect([pending_email, pendingEmail]).toEqual([email, email]);
        return { status: res.status, headers: [...res.headers.keys()].sort(), rest };
      };
      expect(await answer('holder@example.test')).toEqual(await answer('free-address@example.test'));
      await h.drain();
      expect(mailsTo('holder@example.test', 'email_change')).toHaveLength(0);
      expect(mailsTo('free-address@example.test', 'email_change')).toHaveLength(1);
      expect(mailsTo('prober@example.test', 'email_change_notice')).toHaveLength(2);
      expect((await h.services.users.findByEmail('holder@example.test'))?.passwordHash).toBeTruthy();
    });

    it('a change to an address taken before confirmation fails with a 409 and changes nothing', async () => {
      const id = await seedUser(h, { email: 'slow@example.test', password: 'slow user pw' });
      const sid = await login(h, 'slow@example.test', 'slow user pw');
      await changeEmail(sid, { email: 'contested@example.test', current_password: 'slow user pw' });
      await h.drain();
      const token = tokenFromMail(h, 'contested@example.test', 'email_change');
      const other = await seedUser(h, { email: 'contested@example.test', password: 'quick user pw' });
      const res = await confirm(token);
      expect(res).toMatchObject({
        status: 409,
        body: {
          success: false,
          code: 'ERR_FLOWLESS_CONFLICT',
          message: 'This email address is already used by another account; the email was not changed',
        },
      });
      expect((await h.services.users.findById(id))?.email).toBe('slow@example.test');
      expect((await h.services.users.findById(other))?.email).toBe('contested@example.test');
      expect(await loginStatus(h, 'slow@example.test', 'slow user pw')).toBe(200);
    });

    it('a confirmation link expires after EMAIL_CHANGE_TTL_MS (1 h), and a newer request replaces it', async () => {
      expect(h.services.config.EMAIL_CHANGE_TTL_MS).toBe(3_600_000);
      await seedUser(h, { email: 'late-mover@example.test', password: 'late mover pw' });
      const sid = await login(h, 'late-mover@example.test', 'late mover pw');
      await changeEmail(sid, { email: 'first-choice@example.test', current_password: 'late mover pw' });
      await h.drain();
      const first = tokenFromMail(h, 'first-choice@example.test', 'email_change');
      await changeEmail(sid, { email: 'second-choice@example.test', current_password: 'late mover pw' });
      await h.drain();
      const second = tokenFromMail(h, 'second-choice@example.test', 'email_change');
      expect((await confirm(first)).status).toBe(400);
      clock.advance(3_600_000);
      expect(await confirm(second)).toMatchObject({
        status: 400,
        body: { error: 'Invalid or expired token' },
      });
      expect((await h.services.users.findByEmail('late-mover@example.test'))?.email).toBe(
        'late-mover@example.test',
      );
    });

    it('with REQUIRE_EMAIL_VERIFICATION off the address still changes only on confirmation', async () => {
      const relaxed = await startFlowless(h.handle, { clock, env: { REQUIRE_EMAIL_VERIFICATION: 'false' } });
      try {
        const id = await seedUser(relaxed, { email: 'relaxed@example.test', password: 'relaxed user pw' });
        const sid = await login(relaxed, 'relaxed@example.test', 'relaxed user pw');
        const res = await call(relaxed, 'PUT', '/auth/user/me', {
          session: sid,
          body: { email: 'relaxed-new@example.test', current_password: 'relaxed user pw' },
        });
        expect(res.status).toBe(200);
        expect((await relaxed.services.users.findById(id))?.email).toBe('relaxed@example.test');
        await relaxed.drain();
        const token = tokenFromMail(relaxed, 'relaxed-new@example.test', 'email_change');
        expect((await call(relaxed, 'POST', '/auth/email-change/confirm', { body: { token } })).status).toBe(
          200,
        );
        expect((await relaxed.services.users.findById(id))?.email).toBe('relaxed-new@example.test');
      } finally {
        await relaxed.close();
      }
    });

    it('the confirmation refuses a missing token, a token of another purpose and an unknown one', async () => {
      const id = await seedUser(h, { email: 'purpose@example.test', password: 'purpose user pw' });
      const reset = await h.services.tokens.issue(id, 'password_reset', 3_600_000, {
        sentTo: 'purpose@example.test',
      });
      expect(await call(h, 'POST', '/auth/email-change/confirm', { body: {} })).toMatchObject({
        status: 400,
        body: { code: 'ERR_FLOWLESS_BAD_REQUEST' },
      });
      for (const token of [reset, 'x'.repeat(43)]) {
        expect(await confirm(token)).toMatchObject({
          status: 400,
          body: { code: 'ERR_FLOWLESS_INVALID_TOKEN' },
        });
      }
      expect(await h.services.tokens.peek(reset, 'password_reset')).toBe(id);
    });
  });
}
