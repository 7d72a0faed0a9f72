/**
 * @module createVaultClient() against a real vault through its Hono app, on PostgreSQL, MariaDB and libSQL.
 */
import { randomUUID } from 'node:crypto';
import { createVaultClient, VaultClientError } from 'flowfull/vault-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, testDatabaseUrl } from '#test-support/databases.js';
import { startVault, type VaultHarness } from './vault-harness.js';

for (const dialect of TEST_DIALECTS) {
  const available = dialectAvailable(dialect);
  describe.skipIf(!available)(`createVaultClient() on ${dialect}${available ? '' : ' [skipped]'}`, () => {
    let h: VaultHarness;
    const fetchApp: typeof fetch = async (input, init) => h.app.request(String(input), init);

    beforeAll(async () => {
      h = await startVault(await testDatabaseUrl(dialect, 'vault_client'), {
        sessionTtlMs: 60_000,
        maxValueBytes: 64,
      });
    });
    afterAll(async () => h?.close());

    it('sets, gets, lists and deletes values with the token it holds', async () => {
      const { token } = await h.token(`user-${randomUUID()}`);
      const client = createVaultClient({
        baseUrl: 'http://vault/api/v1/',
        token,
        reauthenticate: async () => null,
        fetch: fetchApp,
      });
      await client.set('cart', { items: ['a'] });
      expect(await client.get<{ items: string[] }>('cart')).toEqual({ items: ['a'] });
      expect((await client.list()).map((k) => k.key)).toEqual(['cart']);
      expect(await client.delete('cart')).toBe(true);
      expect(await client.delete('cart')).toBe(false);
      expect(await client.get('cart')).toBeUndefined();
    });

    it('signs in again once on 410 and retries the call, reaching the same data', async () => {
      const user = `user-${randomUUID()}`;
      const first = await h.token(user);
      let calls = 0;
      const client = createVaultClient({
        baseUrl: 'http://vault/api/v1',
        token: first.token,
        fetch: fetchApp,
        reauthenticate: async () => {
          calls++;
          const res = await h.signIn(first.flowlessSession);
          return ((await res.json()) as { data: { token: string } }).data.token;
        },
      });
      await client.set('profile', 'kept');
      h.advance(61_000);
      expect(await client.get('profile')).toBe('kept');
      expect(calls).toBe(1);
    });

    it('fails with ERR_VAULT_CLIENT_EXPIRED when re-sign-in gives no token, and with the server code on 413', async () => {
      const { token } = await h.token(`user-${randomUUID()}`);
      const client = createVaultClient({
        baseUrl: 'http://vault/api/v1',
        token,
        reauthenticate: async () => null,
        fetch: fetchApp,
      });
      await expect(client.set('big', 'x'.repeat(100))).rejects.toMatchObject({
        status: 413,
        serverCode: 'VALUE_TOO_LARGE',
      });
      h.advance(61_000);
      await expect(client.get('big')).rejects.toMatchObject({ code: 'ERR_VAULT_CLIENT_EXPIRED' });
      expect(client.signedIn).toBe(false);
      await expect(client.list()).rejects.toBeInstanceOf(VaultClientError);
    });

    it('forgets the token after logout, and the server refuses it', async () => {
      const { token } = await h.token(`user-${randomUUID()}`);
      const client = createVaultClient({
        baseUrl: 'http://vault/api/v1',
        token,
        reauthenticate: async () => null,
        fetch: fetchApp,
      });
      await client.logout();
      expect(client.signedIn).toBe(false);
      const res = await h.app.request('/api/v1/sessions', { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    });
  });
}
