/**
 * Contract cases `contract.test.ts` leaves out (docs/flowless-contract.md), on PostgreSQL, MariaDB
 * and libSQL: the admin password change, the admin PATCH route on both path families, bridge
 * invalidation by `session_hash` and `user_id`, request bodies in the other casing for
 * `/auth/register`, admin create and admin update, and the JSON content type of a 429 answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { sha256Hex } from '../src/secrets/opaque-secret.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  loginStatus,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const secret = { 'x-bridge-secret': BRIDGE_SECRET };
const PASSWORD = 'contract extra pw';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless contract, further cases, on ${dialect}`, () => {
    let h: Harness;
    let admin: string;
    let superadmin: string;
    let superadminId: string;
    let counter = 0;

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_contract_extra'));
      await seedUser(h, { email: 'x-admin@example.test', password: PASSWORD, userType: 'admin' });
      superadminId = await seedUser(h, {
        email: 'x-super@example.test',
        password: PASSWORD,
        userType: 'superadmin',
      });
      admin = await login(h, 'x-admin@example.test', PASSWORD);
      superadmin = await login(h, 'x-super@example.test', PASSWORD);
    });
    afterAll(() => h.stop());

    const customer = async () => {
      const email = `x-user-${++counter}@example.test`;
      const id = await seedUser(h, { email, password: PASSWORD, username: `x_user_${counter}` });
      return { id, email, session: await login(h, email, PASSWORD) };
    };

    describe('POST /auth/password-change/admin', () => {
      it('sets the password: 200, the old one no longer logs in, the new one does, and the sessions are refused', async () => {
        const user = await customer();
        const other = await login(h, user.email, PASSWORD);
        const res = await call(h, 'POST', '/auth/password-change/admin', {
          session: admin,
          body: { user_id: user.id, new_password: 'chosen by an admin' },
        });
        expect(res).toMatchObject({ status: 200, body: { success: true, message: 'Password updated' } });
        expect(res.body).not.toHaveProperty('session_id');
        expect(await loginStatus(h, user.email, PASSWORD)).toBe(401);
        expect(await loginStatus(h, user.email, 'chosen by an admin')).toBe(200);
        for (const sid of [user.session, other]) {
          expect(await call(h, 'GET', '/auth/validation', { session: sid })).toMatchObject({
            status: 401,
            body: { error: 'Invalid session' },
          });
        }
        expect((await call(h, 'GET', '/auth/validation', { session: admin })).status).toBe(200);
      });

      it('accepts the camelCase body {userId, newPassword}', async () => {
        const user = await customer();
        const res = await call(h, 'POST', '/auth/password-change/admin', {
          session: admin,
          body: { userId: user.id, newPassword: 'camel case admin set' },
        });
        expect(res.status).toBe(200);
        expect(await loginStatus(h, user.email, 'camel case admin set')).toBe(200);
      });

      it('answers 403 to a customer, 401 without a session, and leaves the password unchanged', async () => {
        const user = await customer();
        const victim = await customer();
        const body = { user_id: victim.id, new_password: 'hijacked password' };
        expect(
          await call(h, 'POST', '/auth/password-change/admin', { session: user.session, body }),
        ).toMatchObject({
          status: 403,
          body: { success: false, error: 'Insufficient permissions', code: 'ERR_FLOWLESS_FORBIDDEN' },
        });
        expect((await call(h, 'POST', '/auth/password-change/admin', { body })).status).toBe(401);
        expect(await loginStatus(h, victim.email, 'hijacked password')).toBe(401);
        expect((await call(h, 'GET', '/auth/validation', { session: victim.session })).status).toBe(200);
      });

      it("refuses a plain admin changing a superadmin's password (403); a superadmin may change an admin's", async () => {
        const refused = await call(h, 'POST', '/auth/password-change/admin', {
          session: admin,
          body: { user_id: superadminId, new_password: 'take over super' },
        });
        expect(refused).toMatchObject({
          status: 403,
          body: { error: 'Only a superadmin can modify a superadmin', code: 'ERR_FLOWLESS_FORBIDDEN' },
        });
        expect(await loginStatus(h, 'x-super@example.test', PASSWORD)).toBe(200);
        expect((await call(h, 'GET', '/auth/validation', { session: superadmin })).status).toBe(200);

        const adminId = await seedUser(h, {
          email: `x-admin-${++counter}@example.test`,
          password: PASSWORD,
          userType: 'admin',
        });
        const allowed = await call(h, 'POST', '/auth/password-change/admin', {
          session: superadmin,
          body: { user_id: adminId, new_password: 'set by the superadmin' },
        });
        expect(allowed.status).toBe(200);
        expect(await loginStatus(h, `x-admin-${counter}@example.test`, 'set by the superadmin')).toBe(200);
      });

      it('answers 404 for an unknown user and 400 for a refused password', async () => {
        const user = await customer();
        expect(
          await call(h, 'POST', '/auth/password-change/admin', {
            session: admin,
            body: { user_id: 'usr_does_not_exist', new_password: 'whatever it is' },
          }),
        ).toMatchObject({ status: 404, body: { error: 'User not found' } });
        expect(
          await call(h, 'POST', '/auth/password-change/admin', {
            session: admin,
            body: { user_id: user.id, new_password: 'short' },
          }),
        ).toMatchObject({ status: 400, body: { code: 'ERR_FLOWLESS_WEAK_PASSWORD' } });
        expect(await loginStatus(h, user.email, PASSWORD)).toBe(200);
      });
    });

    describe('admin update', () => {
      it('PATCH on /auth/users/:id (snake_case) and /auth/admin/users/:id (camelCase) changes the given fields only', async () => {
        const snakeUser = await customer();
        const snake = await call(h, 'PATCH', `/auth/users/${snakeUser.id}`, {
          session: admin,
          body: {
            last_name: 'Snake',
            user_name: `snake_${counter}`,
            user_type: 'moderator',
            is_verified: false,
          },
        });
        expect(snake.status).toBe(200);
        expect(snake.body.user).toMatchObject({
          id: snakeUser.id,
          email: snakeUser.email,
          last_name: 'Snake',
          lastName: 'Snake',
          user_name: `snake_${counter}`,
          user_type: 'moderator',
          is_verified: false,
        });
        expect((snake.body.data as Record<string, unknown>).user_type).toBe('moderator');

        const camelUser = await customer();
        const camel = await call(h, 'PATCH', `/auth/admin/users/${camelUser.id}`, {
          session: admin,
          body: { lastName: 'Camel', userName: `camel_${counter}`, userType: 'manager', twoFactor: false },
        });
        expect(camel.status).toBe(200);
        expect(camel.body.user).toMatchObject({
          last_name: 'Camel',
          user_name: `camel_${counter}`,
          userType: 'manager',
          is_verified: true,
        });
        const shown = await call(h, 'GET', `/auth/admin/users/${camelUser.id}`, { session: admin });
        expect(shown.body.user).toMatchObject({ last_name: 'Camel', user_type: 'manager' });
      });

      it('PUT in snake_case on both path families updates the user', async () => {
        for (const base of ['/auth/users', '/auth/admin/users']) {
          const user = await customer();
          const res = await call(h, 'PUT', `${base}/${user.id}`, {
            session: admin,
            body: { name: 'Put', last_name: 'Snake', phone: '555', user_type: 'manager', is_verified: false },
          });
          expect(res.status).toBe(200);
          expect(res.body.user).toMatchObject({
            name: 'Put',
            last_name: 'Snake',
            phone: '555',
            user_type: 'manager',
          });
          expect(res.body.user).toMatchObject({ is_verified: false });
        }
      });

      it('refuses a plain admin patching a superadmin or granting superadmin, and answers 404 and 409', async () => {
        const user = await customer();
        expect(
          await call(h, 'PATCH', `/auth/admin/users/${superadminId}`, {
            session: admin,
            body: { name: 'Nope' },
          }),
        ).toMatchObject({ status: 403, body: { error: 'Only a superadmin can modify a superadmin' } });
        expect(
          (
            await call(h, 'PATCH', `/auth/users/${user.id}`, {
              session: admin,
              body: { user_type: 'superadmin' },
            })
          ).status,
        ).toBe(403);
        expect(
          (
            await call(h, 'PATCH', `/auth/users/${user.id}`, {
              session: superadmin,
              body: { userType: 'superadmin' },
            })
          ).body.user,
        ).toMatchObject({ user_type: 'superadmin' });
        expect(
          (await call(h, 'PATCH', '/auth/users/usr_missing', { session: admin, body: { name: 'x' } })).status,
        ).toBe(404);
        const other = await customer();
        expect(
          (
            await call(h, 'PATCH', `/auth/admin/users/${other.id}`, {
              session: admin,
              body: { email: user.email },
            })
          ).status,
        ).toBe(409);
        expect(
          (
            await call(h, 'PATCH', `/auth/admin/users/${other.id}`, {
              session: other.session,
              body: { name: 'x' },
            })
          ).status,
        ).toBe(403);
      });
    });

    describe('POST /auth/bridge/invalidate', () => {
      it('by session_hash revokes that session only; an unknown hash answers revoked:false; a malformed one 400', async () => {
        const user = await customer();
        const second = await login(h, user.email, PASSWORD);
        const res = await call(h, 'POST', '/auth/bridge/invalidate', {
          headers: secret,
          body: { session_hash: sha256Hex(user.session) },
        });
        expect(res).toMatchObject({ status: 200, body: { success: true, revoked: true } });
        expect((await call(h, 'GET', '/auth/validation', { session: user.session })).status).toBe(401);
        expect((await call(h, 'GET', '/auth/validation', { session: second })).status).toBe(200);
        expect(
          (
            await call(h, 'POST', '/auth/bridge/invalidate', {
              headers: secret,
              body: { session_hash: sha256Hex(user.session) },
            })
          ).body,
        ).toEqual({ success: true, revoked: false });
        expect(
          (
            await call(h, 'POST', '/auth/bridge/invalidate', {
              headers: secret,
              body: { session_hash: 'abc' },
            })
          ).status,
        ).toBe(400);
        expect(
          (await call(h, 'POST', '/auth/bridge/invalidate', { body: { session_hash: sha256Hex(second) } }))
            .status,
        ).toBe(401);
        expect((await call(h, 'GET', '/auth/validation', { session: second })).status).toBe(200);
      });

      it('by user_id revokes every session of that user and no one else', async () => {
        const user = await customer();
        const bystander = await customer();
        const second = await login(h, user.email, PASSWORD);
        const res = await call(h, 'POST', '/auth/bridge/invalidate', {
          headers: secret,
          body: { user_id: user.id },
        });
        expect(res).toMatchObject({ status: 200, body: { success: true, revoked: true } });
        for (const sid of [user.session, second]) {
          expect(
            (await call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { session_id: sid } }))
              .status,
          ).toBe(401);
        }
        expect((await call(h, 'GET', '/auth/validation', { session: bystander.session })).status).toBe(200);
      });
    });

    describe('request bodies in the other casing', () => {
      it('POST /auth/register takes snake_case: an admin gets the user_type, anyone else the default', async () => {
        const byAdmin = await call(h, 'POST', '/auth/register', {
          session: admin,
          body: {
            email: 'snake-reg@example.test',
            password: 'snake case register',
            name: 'Sn',
            last_name: 'Ake',
            user_name: 'snake_reg',
            user_type: 'manager',
            phone: '123',
          },
        });
        expect(byAdmin.status).toBe(201);
        expect(byAdmin.body.data).toMatchObject({
          email: 'snake-reg@example.test',
          last_name: 'Ake',
          lastName: 'Ake',
          user_name: 'snake_reg',
          userName: 'snake_reg',
          user_type: 'manager',
          phone: '123',
        });
        expect(await loginStatus(h, 'snake-reg@example.test', 'snake case register')).toBe(200);

        const anonymous = await call(h, 'POST', '/auth/register', {
          body: {
            email: 'snake-anon@example.test',
            password: 'snake case anon',
            last_name: 'Anon',
            user_type: 'admin',
          },
        });
        expect(anonymous.status).toBe(201);
        expect(anonymous.body.user).toMatchObject({
          last_name: 'Anon',
          user_type: 'customer',
          is_verified: false,
        });
      });

      it('admin create (POST /auth/admin/users) takes camelCase', async () => {
        const res = await call(h, 'POST', '/auth/admin/users', {
          session: admin,
          body: {
            email: 'Camel-Create@Example.test',
            password: 'camel case create',
            name: 'Ca',
            lastName: 'Mel',
            userName: 'camel_create',
            userType: 'moderator',
            isVerified: false,
          },
        });
        expect(res.status).toBe(201);
        expect(res.body.data).toMatchObject({
          email: 'camel-create@example.test',
          last_name: 'Mel',
          user_name: 'camel_create',
          user_type: 'moderator',
          is_verified: false,
        });
        const duplicate = await call(h, 'POST', '/auth/users', {
          session: admin,
          body: { email: 'camel-create@example.test', password: 'camel case again' },
        });
        expect(duplicate).toMatchObject({ status: 409, body: { error: 'Email already registered' } });
      });
    });

    describe('a 429 answer', () => {
      let limited: Harness;
      beforeAll(async () => {
        limited = await startFlowless(h.handle, {
          env: { RATE_LIMIT_LOGIN_MAX: '2', RATE_LIMIT_INVALIDATE_ME_MAX: '1' },
        });
      });
      afterAll(async () => limited.close());

      it('is JSON with application/json, Retry-After and the error envelope, per IP and per user', async () => {
        const body = { email: 'nobody@example.test', password: 'wrong password' };
        expect((await call(limited, 'POST', '/auth/login', { body })).status).toBe(401);
        expect((await call(limited, 'POST', '/auth/login', { body })).status).toBe(401);
        const res = await call(limited, 'POST', '/auth/login', { body });
        expect(res.status).toBe(429);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(res.body).toEqual({
          success: false,
          error: 'Too many requests',
          message: 'Too many requests',
          code: 'ERR_FLOWLESS_RATE_LIMITED',
          retry_after: Number(res.headers.get('retry-after')),
        });

        const user = await customer();
        expect((await call(limited, 'POST', '/auth/invalidate/me', { session: user.session })).status).toBe(
          200,
        );
        const perUser = await call(limited, 'POST', '/auth/invalidate/me', { session: user.session });
        expect(perUser.status).toBe(429);
        expect(perUser.headers.get('content-type')).toMatch(/^application\/json/);
        expect(perUser.body).toMatchObject({
          success: false,
          error: 'Too many requests',
          code: 'ERR_FLOWLESS_RATE_LIMITED',
        });
      });
    });
  });
}
