/**
 * @module The Session API and sign-in, on PostgreSQL, MariaDB and libSQL.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, testDatabaseUrl } from '#test-support/databases.js';
import { hashSessionId, startVault, type VaultHarness } from './vault-harness.js';

type Body = { success: boolean; code?: string; data?: Record<string, unknown> };

for (const dialect of TEST_DIALECTS) {
  const available = dialectAvailable(dialect);
  describe.skipIf(!available)(`session vault API on ${dialect}${available ? '' : ' [skipped]'}`, () => {
    let h: VaultHarness;
    const call = async (path: string, token: string | null, init: RequestInit = {}, app = h.app) => {
      const headers = new Headers(init.headers);
      if (token !== null) headers.set('Authorization', `Bearer ${token}`);
      if (init.body) headers.set('Content-Type', 'application/json');
      const res = await app.request(`/api/v1${path}`, { ...init, headers });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
    };
    const set = (token: string, key: string, value: unknown) =>
      call(`/sessions/set/${key}`, token, { method: 'POST', body: JSON.stringify({ value }) });

    beforeAll(async () => {
      h = await startVault(await testDatabaseUrl(dialect, 'vault_api'), {
        maxValueBytes: 4096,
        maxSessionBytes: 10_000,
        maxConcurrentSessions: 3,
        sessionTtlMs: 60_000,
      });
    });
    afterAll(async () => h?.close());

    it('opens a vault session from a Flowless session and stores, lists, reads and deletes values', async () => {
      const { token } = await h.token(`user-${randomUUID()}`);
      expect(token).toMatch(/^vs_[A-Za-z0-9_-]{43}$/);
      expect((await set(token, 'cart', { items: [1, 2] })).status).toBe(200);
      const read = await call('/sessions/get/cart', token);
      expect(read.body.data).toEqual({ key: 'cart', value: { items: [1, 2] } });
      const list = await call('/sessions', token);
      expect(list.body.data?.keys).toEqual([expect.objectContaining({ key: 'cart', size: 15 })]);
      expect((await call('/sessions/delete/cart', token, { method: 'DELETE' })).status).toBe(200);
      const gone = await call('/sessions/get/cart', token);
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe('VAULT_KEY_NOT_FOUND');
    });

    it('refuses calls without a token, with an unknown token, and ignores a token in the URL', async () => {
      const { token } = await h.token(`user-${randomUUID()}`);
      expect((await call('/sessions', null)).status).toBe(401);
      expect((await call('/sessions', `vs_${'A'.repeat(43)}`)).body.code).toBe('SESSION_TOKEN_INVALID');
      const inUrl = await h.app.request(`/api/v1/sessions?token=${token}`);
      expect(inUrl.status).toBe(401);
    });

    it('keeps a readable value when writes of one key race, each write getting its own version', async () => {
      const { token } = await h.token(`user-${randomUUID()}`);
      const writes = await Promise.all(Array.from({ length: 8 }, (_, i) => set(token, 'race', { i })));
      expect(writes.map((w) => w.status)).toEqual(Array(8).fill(200));
      const read = await call('/sessions/get/race', token);
      expect(read.status).toBe(200);
      expect(read.body.data?.value).toEqual({ i: expect.any(Number) });
      const first = await set(token, 'race', 'last');
      expect(first.status).toBe(200);
      expect((await call('/sessions/get/race', token)).body.data?.value).toBe('last');
    });

    it('keeps one user from reading another user’s values', async () => {
      const alice = await h.token(`alice-${randomUUID()}`);
      const bob = await h.token(`bob-${randomUUID()}`);
      await set(alice.token, 'secret', 'alice only');
      expect((await call('/sessions/get/secret', bob.token)).status).toBe(404);
    });

    it('takes identity from the Flowless session only: a user id in the body is refused, a bad session is 401', async () => {
      const session = h.flowlessSession(`user-${randomUUID()}`);
      const withUser = await h.app.request('/api/v1/auth/callback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Session-ID': session },
        body: JSON.stringify({ application_id: h.application.id, user_id: 'someone-else' }),
      });
      expect(withUser.status).toBe(422);
      const unknown = await h.signIn('sess_unknown_session_id_0000000000');
      expect(unknown.status).toBe(401);
      const noApp = await h.signIn(session, randomUUID());
      expect(noApp.status).toBe(404);
    });

    it('refuses a sign-in from an origin the application does not allow', async () => {
      const session = h.flowlessSession(`user-${randomUUID()}`);
      const res = await h.app.request('/api/v1/auth/callback', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Session-ID': session,
          Origin: 'https://evil.example',
        },
        body: JSON.stringify({ application_id: h.application.id }),
      });
      expect(res.status).toBe(403);
    });

    it('answers 410 SESSION_TOKEN_EXPIRED after expiry, and a new sign-in reaches the same data', async () => {
      const user = `user-${randomUUID()}`;
      const first = await h.token(user);
      await set(first.token, 'profile', { theme: 'dark' });
      h.advance(61_000);
      const expired = await call('/sessions/get/profile', first.token);
      expect(expired.status).toBe(410);
      expect(expired.body.code).toBe('SESSION_TOKEN_EXPIRED');
      const res = await h.signIn(first.flowlessSession);
      const again = ((await res.json()) as { data: { token: string } }).data.token;
      expect((await call('/sessions/get/profile', again)).body.data?.value).toEqual({ theme: 'dark' });
    });

    it('answers 413 for a value over the limit and for a total over the limit, storing nothing', async () => {
      const { token } = await h.token(`user-${randomUUID()}`);
      const big = await set(token, 'big', 'x'.repeat(5000));
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('VALUE_TOO_LARGE');
      for (const key of ['a', 'b']) expect((await set(token, key, 'y'.repeat(4000))).status).toBe(200);
      const total = await set(token, 'c', 'y'.repeat(4000));
      expect(total.status).toBe(413);
      expect(total.body.code).toBe('SESSION_TOO_LARGE');
      expect((await call('/sessions/get/c', token)).status).toBe(404);
      expect((await set(token, 'a', 'z')).status).toBe(200);
    });

    it('answers 429 with Retry-After when a user opens more sessions than the application allows', async () => {
      const user = `user-${randomUUID()}`;
      const session = h.flowlessSession(user);
      for (let i = 0; i < 3; i++) expect((await h.signIn(session)).status).toBe(201);
      const refused = await h.signIn(session);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(((await refused.json()) as Body).code).toBe('VAULT_TOO_MANY_SESSIONS');
    });

    it('revokes every token of the user at once, on this instance and another', async () => {
      const user = `user-${randomUUID()}`;
      const a = await h.token(user);
      const session = h.flowlessSession(user);
      const b = ((await (await h.signIn(session)).json()) as { data: { token: string } }).data.token;
      const other = h.secondInstance();
      expect((await call('/sessions', b, {}, other)).status).toBe(200);
      expect((await call('/sessions/revoke', a.token, { method: 'POST' })).status).toBe(200);
      for (const token of [a.token, b]) {
        const refused = await call('/sessions', token, {}, other);
        expect(refused.status).toBe(401);
        expect(refused.body.code).toBe('SESSION_TOKEN_REVOKED');
      }
      expect((await h.signIn(session)).status).toBe(201);
    });

    it('ends the vault session on logout, leaving the user’s other sessions', async () => {
      const user = `user-${randomUUID()}`;
      const a = await h.token(user);
      const b = await h.token(user);
      expect((await call('/auth/logout', a.token)).status).toBe(200);
      expect((await call('/sessions', a.token)).status).toBe(401);
      expect((await call('/sessions', b.token)).status).toBe(200);
    });

    it('bumps the user’s revision when Flowless revokes the session the vault session came from', async () => {
      const { token, flowlessSession } = await h.token(`user-${randomUUID()}`);
      h.flowless.publishRevocation({ type: 'session.revoked', session_hash: hashSessionId(flowlessSession) });
      await expect
        .poll(async () => (await call('/sessions', token)).status, { timeout: 1000, interval: 20 })
        .toBe(401);
    });

    it('bumps the user’s revision when Flowless revokes every session of the user', async () => {
      const user = `user-${randomUUID()}`;
      const { token } = await h.token(user);
      h.flowless.publishRevocation({ type: 'user.sessions_revoked', user_id: user });
      await expect
        .poll(async () => (await call('/sessions', token)).status, { timeout: 1000, interval: 20 })
        .toBe(401);
    });

    it('stores ciphertext only: no raw table holds a value, and a ciphertext moved to another row does not open', async () => {
      const marker = `plaintext-marker-${randomUUID()}`;
      const alice = await h.token(`alice-${randomUUID()}`);
      const bob = await h.token(`bob-${randomUUID()}`);
      await set(alice.token, 'note', marker);
      await set(bob.token, 'note', 'bob');
      for (const table of [
        'vault_workspaces',
        'vault_applications',
        'vault_users',
        'vault_sessions',
        'vault_values',
        'vault_api_access',
      ]) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(h.db);
        expect(JSON.stringify(rows.rows)).not.toContain(marker);
        expect(JSON.stringify(rows.rows)).not.toContain(alice.token);
      }
      const userOf = async (token: string) => String((await call('/sessions', token)).body.data?.user_id);
      const row = async (userId: string) =>
        h.db
          .selectFrom('vault_values')
          .selectAll()
          .where('user_id', '=', userId)
          .where('key_name', '=', 'note')
          .executeTakeFirstOrThrow();
      const from = await row(await userOf(alice.token));
      const bobId = await userOf(bob.token);
      await h.db
        .updateTable('vault_values')
        .set({ ciphertext: from.ciphertext, version: from.version })
        .where('user_id', '=', bobId)
        .where('key_name', '=', 'note')
        .execute();
      expect((await row(bobId)).ciphertext).toBe(from.ciphertext);
      const moved = await call('/sessions/get/note', bob.token);
      expect(moved.status).toBe(500);
      expect(JSON.stringify(moved.body)).not.toContain(marker);
    });
  });
}
