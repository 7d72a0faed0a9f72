/**
 * `metadata` is the one free-form object Flowless accepts (registration, admin create and update,
 * profile update). It is capped at 8 levels of nesting and 8 KiB of JSON, and refused with 400
 * `ERR_FLOWLESS_METADATA_TOO_DEEP` / `ERR_FLOWLESS_METADATA_TOO_LARGE` before anything is stored; deeply
 * nested values in any other body field answer 400 or are ignored, never 500. Bodies are sent as
 * raw text, since a 5,000-level value cannot go through `JSON.stringify`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { freshDatabase, type Harness, signedInUser, startFlowless } from './support/flowless-harness.js';

const PASSWORD = 'metadata limits password';

/** `{"a":{"a":…1…}}` nested `levels` deep, as JSON text. */
const nested = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** A JSON body: `fields` with `key` set to the raw JSON text `raw`. */
const bodyWith = (fields: Record<string, unknown>, key: string, raw: string): string =>
  JSON.stringify({ ...fields, [key]: '\u0000raw' }).replace('"\\u0000raw"', raw);

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless metadata limits on ${dialect}`, () => {
    let h: Harness;
    let admin: string;
    let user: string;
    let userId: string;
    let counter = 0;

    const send = async (method: string, path: string, body: string, session?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (session) headers['x-session-id'] = session;
      const res = await h.app.request(path, { method, headers, ...(body !== '' && { body }) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const fresh = () => ({ email: `meta-${++counter}@example.test`, password: PASSWORD });

    /** Every route that takes `metadata`, with a body that is otherwise valid. */
    const metadataRoutes = () => [
      { method: 'POST', path: '/auth/register/public', fields: fresh() },
      {
        method: 'POST',
        path: '/auth/register/public',
        fields: { email: 'meta-user@example.test', password: PASSWORD },
      },
      { method: 'POST', path: '/auth/register', fields: fresh() },
      { method: 'POST', path: '/auth/register', fields: fresh(), session: admin },
      { method: 'POST', path: '/auth/users', fields: fresh(), session: admin },
      { method: 'POST', path: '/auth/admin/users', fields: fresh(), session: admin },
      { method: 'PUT', path: '/auth/user/me', fields: { name: 'M' }, session: user },
      { method: 'PUT', path: '/auth/profile', fields: { name: 'M' }, session: user },
      { method: 'PUT', path: `/auth/users/${userId}`, fields: { name: 'M' }, session: admin },
      { method: 'PATCH', path: `/auth/admin/users/${userId}`, fields: { name: 'M' }, session: admin },
    ];

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_metadata_limits'));
      ({ session: admin } = await signedInUser(h, {
        email: 'meta-admin@example.test',
        password: PASSWORD,
        userType: 'admin',
      }));
      ({ id: userId, session: user } = await signedInUser(h, {
        email: 'meta-user@example.test',
        password: PASSWORD,
      }));
    });
    afterAll(() => h.stop());

    it('refuses 5,000 levels of metadata on every route with 400 ERR_FLOWLESS_METADATA_TOO_DEEP', async () => {
      for (const route of metadataRoutes()) {
        const res = await send(
          route.method,
          route.path,
          bodyWith(route.fields, 'metadata', nested(5000)),
          route.session,
        );
        expect({ route: route.path, status: res.status, body: res.body }).toMatchObject({
          route: route.path,
          status: 400,
          body: {
            success: false,
            code: 'ERR_FLOWLESS_METADATA_TOO_DEEP',
            error: 'Invalid metadata: nests deeper than 8 levels',
          },
        });
      }
    });

    it('refuses a 9th level and more than 8 KiB of JSON (ERR_FLOWLESS_METADATA_TOO_LARGE)', async () => {
      const deeper = await send('POST', '/auth/register/public', bodyWith(fresh(), 'metadata', nested(9)));
      expect(deeper).toMatchObject({ status: 400, body: { code: 'ERR_FLOWLESS_METADATA_TOO_DEEP' } });
      const large = JSON.stringify({ note: 'x'.repeat(8192 - 11 + 1) });
      expect(Buffer.byteLength(large)).toBe(8193);
      for (const route of metadataRoutes()) {
        const res = await send(
          route.method,
          route.path,
          bodyWith(route.fields, 'metadata', large),
          route.session,
        );
        expect({ route: route.path, status: res.status, body: res.body }).toMatchObject({
          route: route.path,
          status: 400,
          body: {
            code: 'ERR_FLOWLESS_METADATA_TOO_LARGE',
            error: 'Invalid metadata: larger than 8192 bytes as JSON',
          },
        });
      }
      // Bytes, not characters: 4,096 two-byte characters are 8 KiB and more once quoted.
      const wide = JSON.stringify({ note: 'é'.repeat(4096) });
      const res = await send('PUT', '/auth/profile', bodyWith({}, 'metadata', wide), user);
      expect(res).toMatchObject({ status: 400, body: { code: 'ERR_FLOWLESS_METADATA_TOO_LARGE' } });
    });

    it('stores metadata of exactly 8 levels and 8192 bytes, and returns it unchanged', async () => {
      const atDepth = JSON.parse(nested(8)) as Record<string, unknown>;
      const atSize = { note: 'x'.repeat(8192 - 11) };
      expect(Buffer.byteLength(JSON.stringify(atSize))).toBe(8192);
      for (const metadata of [atDepth, atSize]) {
        const res = await send('PUT', '/auth/profile', JSON.stringify({ metadata }), user);
        expect(res.status).toBe(200);
        const me = await send('GET', '/auth/me', '', user);
        expect((me.body.user as { metadata: unknown }).metadata).toEqual(metadata);
      }
    });

    it('answers a deeply nested value in any other body field without a 500', async () => {
      const deep = nested(5000);
      const cases: { method: string; path: string; fields: Record<string, unknown>; session?: string }[] = [
        {
          method: 'POST',
          path: '/auth/login',
          fields: { email: 'meta-user@example.test', password: PASSWORD },
        },
        { method: 'POST', path: '/auth/register/public', fields: fresh() },
        { method: 'POST', path: '/auth/register', fields: fresh(), session: admin },
        { method: 'PUT', path: '/auth/profile', fields: { name: 'M' }, session: user },
        { method: 'PATCH', path: `/auth/users/${userId}`, fields: { name: 'M' }, session: admin },
        { method: 'POST', path: '/auth/validation', fields: {} },
        { method: 'POST', path: '/auth/bridge/validate', fields: {} },
        {
          method: 'POST',
          path: '/auth/password-change/self',
          fields: { current_password: PASSWORD },
          session: user,
        },
      ];
      for (const route of cases) {
        for (const key of [
          ...Object.keys(route.fields),
          'name',
          'userName',
          'user_type',
          'session_id',
          'unknown_key',
        ]) {
          const res = await send(route.method, route.path, bodyWith(route.fields, key, deep), route.session);
          expect({ route: route.path, key, serverError: res.status >= 500 }).toEqual({
            route: route.path,
            key,
            serverError: false,
          });
        }
      }
    });
  });
}
