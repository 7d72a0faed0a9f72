/**
 * @module Logging out of the vault by a top-level browser navigation (the `vault_logout` cookie),
 * beside the bearer-token form, on PostgreSQL, MariaDB and libSQL.
 */
import { randomUUID } from 'node:crypto';
import { vaultAuthRoutes } from 'flowfull/vault';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, testDatabaseUrl } from '../../../../test/support/databases.js';
import { startVault, type VaultHarness } from './vault-harness.js';

const ALLOWED = 'https://app.example.com';

for (const dialect of TEST_DIALECTS) {
  const available = dialectAvailable(dialect);
  describe.skipIf(!available)(
    `vault logout by navigation on ${dialect}${available ? '' : ' [skipped]'}`,
    () => {
      let h: VaultHarness;

      beforeAll(async () => {
        h = await startVault(await testDatabaseUrl(dialect, 'vault_logout'), { maxConcurrentSessions: 5 });
      });
      afterAll(async () => h?.close());

      /** Signs in; the token and the Set-Cookie line of the logout cookie. */
      const signIn = async (app: Hono = h.app) => {
        const session = h.flowlessSession(`user-${randomUUID()}`);
        const res = await app.request('/api/v1/auth/callback', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Session-ID': session },
          body: JSON.stringify({ application_id: h.application.id }),
        });
        expect(res.status).toBe(201);
        const { data } = (await res.json()) as { data: { token: string } };
        const line = res.headers.getSetCookie().find((c) => c.startsWith('vault_logout=')) ?? '';
        const handle = /^vault_logout=([^;]*)/.exec(line)?.[1] ?? '';
        return { token: data.token, line, handle, session };
      };
      /** A top-level navigation: cookies only, no Authorization header. */
      const navigate = (path: string, handle: string | null) =>
        h.app.request(`/api/v1${path}`, {
          headers: handle === null ? {} : { Cookie: `vault_logout=${handle}` },
        });
      const sessions = (token: string) =>
        h.app.request('/api/v1/sessions', { headers: { Authorization: `Bearer ${token}` } });

      it('the callback sets an HttpOnly, Secure, SameSite=Lax cookie on the logout path, holding a handle, not the token', async () => {
        const { token, line, handle } = await signIn();
        expect(handle).toMatch(/^vl_[A-Za-z0-9_-]{43}$/);
        expect(line).not.toContain(token);
        expect(line).toMatch(/; Path=\/api\/v1\/auth\/logout(;|$)/);
        expect(line).toContain('; HttpOnly');
        expect(line).toContain('; Secure');
        expect(line).toContain('; SameSite=Lax');
        expect(line).not.toMatch(/Max-Age|Expires/);
        const stored = await h.db.selectFrom('vault_sessions').select('logout_hash').execute();
        expect(stored.map((row) => row.logout_hash)).not.toContain(handle);
      });

      it('a navigation with the cookie alone ends that vault session, clears the cookie and answers JSON', async () => {
        const a = await signIn();
        const b = await signIn();
        const res = await navigate('/auth/logout', a.handle);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ success: true, data: { logged_out: true } });
        expect(res.headers.getSetCookie().join('\n')).toMatch(
          /vault_logout=;.*Max-Age=0.*Path=\/api\/v1\/auth\/logout/,
        );
        expect((await sessions(a.token)).status).toBe(401);
        expect((await sessions(b.token)).status).toBe(200);
      });

      it('redirects (303) to an allowed origin of the application, and refuses any other without logging out', async () => {
        const { token, handle } = await signIn();
        for (const bad of [
          'https://evil.example.net/',
          'javascript:alert(1)',
          '//evil.example.net',
          'not a url',
        ]) {
          const refused = await navigate(`/auth/logout?redirect=${encodeURIComponent(bad)}`, handle);
          expect(refused.status).toBe(400);
          expect(((await refused.json()) as { code: string }).code).toBe('VAULT_REDIRECT_NOT_ALLOWED');
          expect(refused.headers.getSetCookie()).toEqual([]);
        }
        expect((await sessions(token)).status).toBe(200);
        const res = await navigate(
          `/auth/logout?redirect=${encodeURIComponent(`${ALLOWED}/bye?x=1`)}`,
          handle,
        );
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe(`${ALLOWED}/bye?x=1`);
        expect((await sessions(token)).status).toBe(401);
      });

      it('answers 401 without cookie or token, for a forged handle, and for a token in the URL', async () => {
        const { token } = await signIn();
        expect((await navigate('/auth/logout', null)).status).toBe(401);
        expect((await navigate('/auth/logout', `vl_${'A'.repeat(43)}`)).status).toBe(401);
        expect((await navigate('/auth/logout', 'garbage')).status).toBe(401);
        expect((await navigate(`/auth/logout?token=${token}`, null)).status).toBe(401);
        expect((await sessions(token)).status).toBe(200);
      });

      it('the handle opens nothing: not as a bearer token, not as a cookie on the Session API', async () => {
        const { token, handle } = await signIn();
        expect((await sessions(handle)).status).toBe(401);
        const withCookie = await h.app.request('/api/v1/sessions', {
          headers: { Cookie: `vault_logout=${handle}` },
        });
        expect(withCookie.status).toBe(401);
        expect((await sessions(token)).status).toBe(200);
      });

      it('keeps the bearer form, which also honours an allowed redirect', async () => {
        const { token } = await signIn();
        const res = await h.app.request(`/api/v1/auth/logout?redirect=${encodeURIComponent(`${ALLOWED}/`)}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(303);
        expect((await sessions(token)).status).toBe(401);
      });

      it('takes Secure and SameSite from the options, and sets no cookie when turned off', async () => {
        const build = (logoutCookie: Parameters<typeof vaultAuthRoutes>[0]['logoutCookie']) =>
          new Hono().route(
            '/api/v1',
            vaultAuthRoutes({ vault: h.vault, validator: h.validator, logoutCookie }),
          );
        const dev = await signIn(build({ secure: false, sameSite: 'Strict' }));
        expect(dev.line).not.toContain('Secure');
        expect(dev.line).toContain('; SameSite=Strict');
        const off = await signIn(build(false));
        expect(off.line).toBe('');
      });
    },
  );
}
