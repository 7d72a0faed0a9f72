/**
 * Contract tests: every endpoint of the Flowless HTTP contract, request bodies in both casings,
 * on PostgreSQL, MariaDB and libSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  loginStatus,
  seedUser,
  startFlowless,
  tokenFromMail,
} from './support/flowless-harness.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless contract on ${dialect}`, () => {
    let h: Harness;
    let adminSession: string;

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_contract'));
      await seedUser(h, {
        email: 'admin@example.test',
        password: 'admin-password-42',
        userType: 'admin',
        username: 'root_admin',
      });
      adminSession = await login(h, 'admin@example.test', 'admin-password-42');
    });
    afterAll(() => h.stop());

    it('GET /health answers 200 {status:"ok"}', async () => {
      const res = await call(h, 'GET', '/health');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
    });

    it('unknown routes and errors answer JSON with application/json', async () => {
      const res = await call(h, 'GET', '/nope');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.body).toMatchObject({ success: false, error: 'Not found' });
    });

    it('public registration in camelCase needs email verification, then login works', async () => {
      const reg = await call(h, 'POST', '/auth/register/public', {
        body: {
          email: 'Ada@Example.test',
          password: 'analytical engine',
          name: 'Ada',
          lastName: 'Lovelace',
          userName: 'ada',
        },
      });
      expect(reg.status).toBe(201);
      const user = (reg.body.data as { user: Record<string, unknown> }).user;
      expect(user).toMatchObject({
        email: 'ada@example.test',
        last_name: 'Lovelace',
        lastName: 'Lovelace',
        user_name: 'ada',
        user_type: 'customer',
        userType: 'customer',
        is_verified: false,
      });
      expect(reg.body).not.toHaveProperty('session_id');

      const before = await call(h, 'POST', '/auth/login', {
        body: { email: 'ada@example.test', password: 'analytical engine' },
      });
      expect(before.status).toBe(403);
      expect(before.body.code).toBe('EMAIL_NOT_VERIFIED');

      await h.drain();
      const token = tokenFromMail(h, 'ada@example.test', 'email_verification');
      const verified = await call(h, 'GET', `/auth/verify-email?token=${token}`);
      expect(verified.status).toBe(200);
      expect(verified.body.verified).toBe(true);
      const again = await call(h, 'GET', `/auth/verify-email?token=${token}`);
      expect(again.status).toBe(400);

      const res = await call(h, 'POST', '/auth/login', {
        body: { email: 'ada@example.test', password: 'analytical engine' },
      });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('data');
      expect(res.body.success).toBe(true);
      expect(res.body.session_id).toBe(res.body.sessionId);
      expect(res.body.expires_at).toMatch(ISO);
      expect(res.body.expiresAt).toBe(res.body.expires_at);
      expect(res.headers.get('set-cookie')).toMatch(/session_id=.*HttpOnly/i);
      const loggedIn = res.body.user as Record<string, unknown>;
      expect(loggedIn.is_verified).toBe(true);
      expect(loggedIn.created_at).toMatch(ISO);
      expect(loggedIn).not.toHaveProperty('password_hash');
    });

    it('public registration in snake_case with user_type ignores the requested type', async () => {
      const reg = await call(h, 'POST', '/auth/register/public', {
        body: {
          email: 'grace@example.test',
          password: 'cobol compiler',
          name: 'Grace',
          last_name: 'Hopper',
          user_name: 'grace',
          user_type: 'admin',
          phone: null,
        },
      });
      expect(reg.status).toBe(201);
      expect((reg.body.user as Record<string, unknown>).user_type).toBe('customer');
    });

    it('POST /auth/register forces the default type without an admin session and honours it with one', async () => {
      const anon = await call(h, 'POST', '/auth/register', {
        body: {
          email: 'mallory@example.test',
          password: 'i want admin now',
          name: 'M',
          lastName: 'X',
          userType: 'admin',
        },
      });
      expect(anon.status).toBe(201);
      expect((anon.body.user as Record<string, unknown>).userType).toBe('customer');

      const admin = await call(h, 'POST', '/auth/register', {
        session: adminSession,
        body: {
          email: 'manager@example.test',
          password: 'manager password',
          name: 'Mo',
          lastName: 'Nager',
          userType: 'manager',
          userName: 'mgr',
        },
      });
      expect(admin.status).toBe(201);
      const data = admin.body.data as Record<string, unknown>;
      expect(data.id).toEqual(expect.stringMatching(/^usr_/));
      expect(data.userType).toBe('manager');
      expect((data.user as Record<string, unknown>).user_type).toBe('manager');
    });

    it('login by username in both casings, and by email with explicit nulls', async () => {
      await seedUser(h, { email: 'linus@example.test', password: 'penguin kernel', username: 'linus' });
      for (const body of [
        { userName: 'linus', password: 'penguin kernel' },
        { user_name: 'LINUS', password: 'penguin kernel', email: null },
        { email: ' Linus@Example.test ', user_name: null, password: 'penguin kernel' },
      ]) {
        const res = await call(h, 'POST', '/auth/login', { body });
        expect(res.status).toBe(200);
        expect((res.body.user as Record<string, unknown>).email).toBe('linus@example.test');
      }
      const bad = await call(h, 'POST', '/auth/login', {
        body: { userName: 'linus', password: 'wrong password' },
      });
      expect(bad.status).toBe(401);
      expect(bad.body).toMatchObject({ success: false, error: 'Invalid credentials' });
      const empty = await call(h, 'POST', '/auth/login', { body: {} });
      expect(empty.status).toBe(400);
    });

    it('validation answers on GET/POST /auth/validation and /auth/validate-session', async () => {
      await seedUser(h, { email: 'val@example.test', password: 'validate me pls' });
      const sid = await login(h, 'val@example.test', 'validate me pls');
      const viaHeader = await call(h, 'GET', '/auth/validation', { session: sid });
      expect(viaHeader.status).toBe(200);
      expect(viaHeader.body).toMatchObject({ success: true, valid: true });
      const session = viaHeader.body.session as Record<string, unknown>;
      expect(session.id).toEqual(expect.stringMatching(/^ses_/));
      expect(session.user_id).toBe((viaHeader.body.user as Record<string, unknown>).id);
      expect(viaHeader.body.expires_at).toMatch(ISO);

      expect((await call(h, 'GET', `/auth/validation?session_id=${sid}`)).status).toBe(200);
      expect((await call(h, 'POST', '/auth/validation', { body: { sessionId: sid } })).status).toBe(200);
      expect((await call(h, 'POST', '/auth/validate-session', { body: { session_id: sid } })).status).toBe(
        200,
      );
      expect(
        (await call(h, 'GET', '/auth/validate-session', { headers: { cookie: `sessionId=${sid}` } })).status,
      ).toBe(200);

      const unknown = await call(h, 'GET', '/auth/validation', { session: 'not-a-session' });
      expect(unknown.status).toBe(401);
      expect(unknown.body.error).toBe('Invalid session');
      expect(unknown.headers.get('content-type')).toContain('application/json');
    });

    it('refresh and its alias return the session in both casings', async () => {
      await seedUser(h, { email: 'ref@example.test', password: 'refresh me pls' });
      const sid = await login(h, 'ref@example.test', 'refresh me pls');
      for (const path of ['/auth/refresh', '/auth/refresh-session']) {
        const res = await call(h, 'POST', path, { session: sid });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ success: true, session_id: sid, sessionId: sid });
        expect(res.body.expiresAt).toMatch(ISO);
      }
      expect((await call(h, 'POST', '/auth/refresh', { session: 'unknown-id' })).body.error).toBe(
        'Invalid session',
      );
    });

    it('the three "me" routes answer in their shapes', async () => {
      await seedUser(h, { email: 'me@example.test', password: 'who am i really' });
      const sid = await login(h, 'me@example.test', 'who am i really');
      const userMe = await call(h, 'GET', `/auth/user/me?session_id=${sid}&_t=1`, { session: sid });
      expect(userMe.status).toBe(200);
      expect((userMe.body.data as Record<string, unknown>).email).toBe('me@example.test');
      expect((userMe.body.user as Record<string, unknown>).email).toBe('me@example.test');
      expect(userMe.body.session_id).toBe(sid);
      const me = await call(h, 'GET', '/auth/me', { session: sid });
      expect(((me.body.data as Record<string, unknown>).user as Record<string, unknown>).email).toBe(
        'me@example.test',
      );
      const current = await call(h, 'GET', '/auth/session/current', {
        headers: { cookie: `session_id=${sid}` },
      });
      expect(current.body).toMatchObject({ success: true, requires_2fa: false, sessionId: sid });
      expect((await call(h, 'GET', '/auth/user/me')).status).toBe(401);
    });

    it('profile update works on both paths in both casings and ignores user_type', async () => {
      await seedUser(h, { email: 'prof@example.test', password: 'profile person' });
      const sid = await login(h, 'prof@example.test', 'profile person');
      const snake = await call(h, 'PUT', '/auth/user/me', {
        session: sid,
        body: { name: 'Pro', last_name: 'File', user_name: 'profile_1', phone: '123' },
      });
      expect(snake.status).toBe(200);
      expect(snake.body.data).toMatchObject({
        name: 'Pro',
        last_name: 'File',
        user_name: 'profile_1',
        phone: '123',
      });
      const camel = await call(h, 'PUT', '/auth/profile', {
        session: sid,
        body: { lastName: 'Camel', userType: 'admin', user_type: 'admin' },
      });
      expect(camel.status).toBe(200);
      expect(camel.body.user).toMatchObject({ lastName: 'Camel', userType: 'customer' });
      const taken = await call(h, 'PUT', '/auth/profile', { session: sid, body: { userName: 'linus' } });
      expect(taken.status).toBe(409);
      const bad = await call(h, 'PUT', '/auth/profile', { session: sid, body: { email: 'not-an-email' } });
      expect(bad.status).toBe(400);
    });

    it('password change needs the current password and rotates the session', async () => {
      await seedUser(h, { email: 'pw@example.test', password: 'old password 1' });
      const sid = await login(h, 'pw@example.test', 'old password 1');
      const wrong = await call(h, 'POST', '/auth/password-change/self', {
        session: sid,
        body: { current_password: 'nope nope', new_password: 'new password 2' },
      });
      expect(wrong.status).toBe(400);
      const ok = await call(h, 'POST', '/auth/password-change/self', {
        session: sid,
        body: { currentPassword: 'old password 1', newPassword: 'new password 2' },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.session_id).not.toBe(sid);
      expect((await call(h, 'GET', '/auth/validation', { session: sid })).status).toBe(401);
      expect(
        (await call(h, 'GET', '/auth/validation', { session: ok.body.session_id as string })).status,
      ).toBe(200);
      expect(await loginStatus(h, 'pw@example.test', 'new password 2')).toBe(200);
    });

    it('password reset: request, validate in three forms, complete on /reset and /complete', async () => {
      await seedUser(h, { email: 'reset@example.test', password: 'forgot it again' });
      for (const [key, path] of [
        ['resetUrl', '/reset'],
        ['reset_url', '/complete'],
      ] as const) {
        const req = await call(h, 'POST', '/auth/password-reset/request', {
          body: { email: 'reset@example.test', [key]: 'https://app.example.test/reset/form' },
        });
        expect(req.status).toBe(200);
        await h.drain();
        const mail = h.mailer.messages.filter((m) => m.kind === 'password_reset').at(-1);
        expect(mail?.text).toContain('https://app.example.test/reset/form#token=');
        const token = tokenFromMail(h, 'reset@example.test', 'password_reset');
        expect((await call(h, 'GET', `/auth/password-reset/validate/${token}`)).body.valid).toBe(true);
        expect((await call(h, 'GET', `/auth/password-reset/validate?token=${token}`)).body.valid).toBe(true);
        expect((await call(h, 'POST', '/auth/password-reset/validate', { body: { token } })).body.valid).toBe(
          true,
        );
        const done = await call(h, 'POST', `/auth/password-reset${path}`, {
          body: { token, password: `brand new ${key}` },
        });
        expect(done.status).toBe(200);
        expect((await call(h, 'GET', `/auth/password-reset/validate/${token}`)).body.valid).toBe(false);
        expect(
          (
            await call(h, 'POST', '/auth/login', {
              body: { email: 'reset@example.test', password: `brand new ${key}` },
            })
          ).status,
        ).toBe(200);
      }
      const bad = await call(h, 'POST', '/auth/password-reset/complete', {
        body: { token: 'x'.repeat(43), password: 'whatever pass' },
      });
      expect(bad).toMatchObject({ status: 400, body: { error: 'Invalid or expired token' } });
    });

    it('a reset URL off the allow list falls back to the frontend URL', async () => {
      await seedUser(h, { email: 'phish@example.test', password: 'target account' });
      await call(h, 'POST', '/auth/password-reset/request', {
        body: { email: 'phish@example.test', resetUrl: 'https://evil.example/steal' },
      });
      await h.drain();
      const mail = h.mailer.messages.filter((m) => m.to === 'phish@example.test').at(-1);
      expect(mail?.text).toContain('https://app.example.test/reset-password#token=');
      expect(mail?.text).not.toContain('evil.example');
    });

    it('resend verification sends a fresh link to an unverified account', async () => {
      await call(h, 'POST', '/auth/register/public', {
        body: { email: 'late@example.test', password: 'verify me later' },
      });
      await h.drain();
      const first = tokenFromMail(h, 'late@example.test', 'email_verification');
      const res = await call(h, 'POST', '/auth/resend-verification', {
        body: { email: 'late@example.test' },
      });
      expect(res.status).toBe(200);
      await h.drain();
      const second = tokenFromMail(h, 'late@example.test', 'email_verification');
      expect(second).not.toBe(first);
      expect((await call(h, 'POST', '/auth/verify-email', { body: { token: first } })).status).toBe(400);
      expect((await call(h, 'POST', '/auth/verify-email', { body: { token: second } })).status).toBe(200);
    });

    it('POST /auth/invalidate/me answers "Cache invalidated" for a session and 401 without', async () => {
      await seedUser(h, { email: 'inv@example.test', password: 'invalidate me' });
      const sid = await login(h, 'inv@example.test', 'invalidate me');
      expect((await call(h, 'POST', '/auth/invalidate/me', { session: sid })).body).toMatchObject({
        success: true,
        message: 'Cache invalidated',
      });
      expect((await call(h, 'POST', '/auth/invalidate/me')).status).toBe(401);
    });

    it('admin users: list, create, show, update, delete on both path families', async () => {
      for (const base of ['/auth/users', '/auth/admin/users']) {
        const email = `${base.includes('admin') ? 'a' : 'b'}-managed@example.test`;
        const created = await call(h, 'POST', base, {
          session: adminSession,
          body: {
            name: 'Man',
            last_name: 'Aged',
            email,
            user_name: `managed_${base.length}`,
            user_type: 'moderator',
            password: 'managed password',
            lang: 'en',
          },
        });
        expect(created.status).toBe(201);
        const id = (created.body.data as Record<string, unknown>).id as string;
        const list = await call(h, 'GET', `${base}?page=1&limit=2&userType=moderator`, {
          session: adminSession,
        });
        expect(list.status).toBe(200);
        const data = list.body.data as {
          users: Array<Record<string, unknown>>;
          pagination: Record<string, number>;
        };
        expect(data.users.every((u) => u.user_type === 'moderator')).toBe(true);
        expect(data.pagination).toMatchObject({ page: 1, limit: 2 });
        expect(list.body.meta).toMatchObject({ page: 1, limit: 2 });
        expect((await call(h, 'GET', `${base}/${id}`, { session: adminSession })).body.user).toMatchObject({
          email,
        });
        const updated = await call(h, 'PUT', `${base}/${id}`, {
          session: adminSession,
          body: { userType: 'manager', isVerified: false },
        });
        expect(updated.body.user).toMatchObject({ user_type: 'manager', is_verified: false });
        expect((await call(h, 'DELETE', `${base}/${id}`, { session: adminSession })).status).toBe(200);
        expect((await call(h, 'GET', `${base}/${id}`, { session: adminSession })).status).toBe(404);
      }
    });

    it('admin routes refuse customers (403) and anonymous callers (401)', async () => {
      await seedUser(h, { email: 'cust@example.test', password: 'just a customer' });
      const sid = await login(h, 'cust@example.test', 'just a customer');
      expect((await call(h, 'GET', '/auth/users', { session: sid })).status).toBe(403);
      expect((await call(h, 'GET', '/auth/admin/users')).status).toBe(401);
    });

    it('an admin cannot create or grant superadmin', async () => {
      const res = await call(h, 'POST', '/auth/users', {
        session: adminSession,
        body: { email: 'su@example.test', password: 'super user pass', user_type: 'superadmin' },
      });
      expect(res.status).toBe(403);
    });

    it('bridge validate and its alias accept the session in body (both casings), query and header', async () => {
      await seedUser(h, { email: 'bridge@example.test', password: 'bridge user pw' });
      const sid = await login(h, 'bridge@example.test', 'bridge user pw');
      const secret = { 'x-bridge-secret': BRIDGE_SECRET };
      const variants = [
        call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { session_id: sid } }),
        call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { sessionId: sid } }),
        call(h, 'POST', `/auth/bridge/validate?session_id=${sid}`, {
          headers: secret,
          body: { timestamp: 1, source: 'bridge-payments' },
        }),
        call(h, 'POST', '/bridge/validate', { headers: { ...secret, 'x-session-id': sid } }),
      ];
      for (const res of await Promise.all(variants)) {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ success: true, valid: true });
        expect(res.body.user).toMatchObject({
          email: 'bridge@example.test',
          user_type: 'customer',
          userType: 'customer',
        });
        expect(res.body.session).toMatchObject({
          user_id: (res.body.user as Record<string, unknown>).id,
          email: 'bridge@example.test',
        });
        expect(res.body.expires_at).toMatch(ISO);
      }
      const unknown = await call(h, 'POST', '/auth/bridge/validate', {
        headers: secret,
        body: { session_id: 'nope' },
      });
      expect(unknown).toMatchObject({ status: 401, body: { success: false, error: 'Invalid session' } });
    });

    it('bridge invalidate revokes one session, or all sessions of a user, with the secret', async () => {
      const userId = await seedUser(h, { email: 'strict@example.test', password: 'strict mode pw' });
      const a = await login(h, 'strict@example.test', 'strict mode pw');
      const b = await login(h, 'strict@example.test', 'strict mode pw');
      const secret = { 'x-bridge-secret': BRIDGE_SECRET };
      expect((await call(h, 'POST', '/auth/bridge/invalidate', { body: { session_id: a } })).status).toBe(
        401,
      );
      expect(
        (await call(h, 'POST', '/auth/bridge/invalidate', { headers: secret, body: { sessionId: a } })).body
          .revoked,
      ).toBe(true);
      expect(
        (await call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { session_id: a } })).status,
      ).toBe(401);
      expect(
        (await call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { session_id: b } })).status,
      ).toBe(200);
      expect(
        (await call(h, 'POST', '/auth/bridge/invalidate', { headers: secret, body: { userId } })).status,
      ).toBe(200);
      expect(
        (await call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { session_id: b } })).status,
      ).toBe(401);
      expect((await call(h, 'POST', '/auth/bridge/invalidate', { headers: secret, body: {} })).status).toBe(
        400,
      );
    });

    it('logout ends the session and clears the cookie', async () => {
      await seedUser(h, { email: 'bye@example.test', password: 'see you later' });
      const sid = await login(h, 'bye@example.test', 'see you later');
      const res = await call(h, 'POST', '/auth/logout', { session: sid });
      expect(res.body).toMatchObject({ success: true, message: 'Logged out successfully' });
      expect(res.headers.get('set-cookie')).toMatch(/session_id=;/);
      expect((await call(h, 'GET', '/auth/validation', { session: sid })).body.error).toBe('Invalid session');
    });

    it('CORS answers with the exact allowed origin and credentials, and no origin for others', async () => {
      const ok = await h.app.request('/auth/login', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.test', 'access-control-request-method': 'POST' },
      });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
      expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
      const other = await h.app.request('/auth/login', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
}
