/**
 * The registration answer carries the new user's id where the public Pubflow client reads it:
 * core's `ApiClient` unwraps `data` when the body has one, and `AuthService.register()` then takes
 * `RegistrationResult.id` from `data.id`. Checked in every mode (email verification on and off,
 * public and admin registration) on every dialect. With verification on, an already-registered
 * email gets an id of the same format that belongs to nobody, so the answer still does not say
 * whether the email was known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'registration answer password';
const USER_ID = /^usr_[A-Za-z0-9_-]{22}$/;

/** What core's client hands to its caller: `RegistrationResult` `{ id, user }` from the unwrapped data. */
function asCoreClient(body: Record<string, unknown>): { id: unknown; user: unknown } {
  const data = 'data' in body ? (body.data as Record<string, unknown>) : body;
  return { id: data.id, user: data.user };
}

/** The id stored for `email`, or null. */
async function storedId(h: Harness, email: string): Promise<string | null> {
  return (await h.services.users.findByEmail(email))?.id ?? null;
}

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless registration answer on ${dialect}`, () => {
    let verifying: Harness;
    let direct: Harness;
    let admin: string;

    beforeAll(async () => {
      verifying = await startFlowless(await freshDatabase(dialect, 'flowless_register_answer'));
      direct = await startFlowless(await freshDatabase(dialect, 'flowless_register_answer_direct'), {
        env: { REQUIRE_EMAIL_VERIFICATION: 'false' },
      });
      await seedUser(verifying, { email: 'ra-admin@example.test', password: PASSWORD, userType: 'admin' });
      admin = await login(verifying, 'ra-admin@example.test', PASSWORD);
    });
    afterAll(async () => {
      for (const h of [verifying, direct]) {
        await h.close();
        await h.handle.db.destroy();
      }
    });

    it('with verification on, data.id and id are the new user’s id on both routes', async () => {
      for (const path of ['/auth/register/public', '/auth/register']) {
        const email = `ra-new${path.length}@example.test`;
        const res = await call(verifying, 'POST', path, { body: { email, password: PASSWORD, name: 'N' } });
        expect(res.status).toBe(201);
        const result = asCoreClient(res.body);
        expect(result.id).toMatch(USER_ID);
        expect(result.id).toBe(await storedId(verifying, email));
        expect(res.body.id).toBe(result.id);
        expect(result.user).toMatchObject({ id: result.id, email });
      }
    });

    it('with verification on, an existing email gets an id of the same format that belongs to nobody', async () => {
      const realId = await seedUser(verifying, { email: 'ra-known@example.test', password: PASSWORD });
      const seen = new Set<unknown>();
      for (const path of ['/auth/register/public', '/auth/register', '/auth/register/public']) {
        const res = await call(verifying, 'POST', path, {
          body: { email: 'ra-known@example.test', password: 'another password here', name: 'N' },
        });
        expect(res.status).toBe(201);
        const result = asCoreClient(res.body);
        expect(result.id).toMatch(USER_ID);
        expect(result.id).not.toBe(realId);
        expect(res.body.id).toBe(result.id);
        expect(result.user).toMatchObject({ id: result.id });
        const lookup = await call(verifying, 'GET', `/auth/users/${String(result.id)}`, { session: admin });
        expect(lookup.status).toBe(404);
        seen.add(result.id);
      }
      // A fresh id each time: a repeated stand-in id would mark the email as known.
      expect(seen.size).toBe(3);
      const fresh = await call(verifying, 'POST', '/auth/register/public', {
        body: { email: 'ra-unknown@example.test', password: 'another password here', name: 'N' },
      });
      const known = await call(verifying, 'POST', '/auth/register/public', {
        body: { email: 'ra-known@example.test', password: 'another password here', name: 'N' },
      });
      const keys = (body: Record<string, unknown>) => ({
        top: Object.keys(body).sort(),
        data: Object.keys(body.data as object).sort(),
      });
      expect(keys(known.body)).toEqual(keys(fresh.body));
    });

    it('with verification off, data.id and id are the id of the user the answer logs in', async () => {
      for (const path of ['/auth/register/public', '/auth/register']) {
        const email = `ra-direct${path.length}@example.test`;
        const res = await call(direct, 'POST', path, { body: { email, password: PASSWORD } });
        expect(res.status).toBe(201);
        const result = asCoreClient(res.body);
        expect(result.id).toMatch(USER_ID);
        expect(result.id).toBe(await storedId(direct, email));
        expect(res.body.id).toBe(result.id);
        const me = await call(direct, 'GET', '/auth/me', { session: String(res.body.session_id) });
        expect((me.body.user as { id: unknown }).id).toBe(result.id);
      }
    });

    it('an admin’s POST /auth/register answers data.id and id of the created user', async () => {
      const res = await call(verifying, 'POST', '/auth/register', {
        session: admin,
        body: { email: 'ra-made@example.test', password: PASSWORD, userType: 'client' },
      });
      expect(res.status).toBe(201);
      const result = asCoreClient(res.body);
      expect(result.id).toBe(await storedId(verifying, 'ra-made@example.test'));
      expect(res.body.id).toBe(result.id);
      expect(result.user).toMatchObject({ id: result.id, user_type: 'client' });
    });
  });
}
