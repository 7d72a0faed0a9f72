/**
 * Browser sessions: the session cookie's name and attributes (`__Host-session_id`, Secure,
 * HttpOnly, SameSite=Lax, Path=/, no Domain; plain `session_id` without Secure in development over
 * http), the legacy names still read, and CSRF: every state-changing route refuses a
 * cookie-authenticated request from a foreign origin, a sibling subdomain or no origin at all with
 * 403 `CSRF_REJECTED`, while header-authenticated and cookie-less requests are untouched. Runs on
 * PostgreSQL, MariaDB and libSQL: the cookie rules are HTTP-only, but logout, validation and the
 * profile update behind them write and read sessions in each database.
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

const PASSWORD = 'browser sessions password';
const FRONTEND = 'https://app.example.test';
const FOREIGN = 'https://attacker.example';
const SIBLING = 'https://evil.example.test';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sessionValid = async (h: Harness, sid: string) =>
  (await call(h, 'GET', '/auth/validation', { session: sid })).status;

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless browser sessions on ${dialect}`, () => {
    let h: Harness;
    let dev: Harness;

    beforeAll(async () => {
      const handle = await freshDatabase(dialect, 'flowless_browser_sessions');
      h = await startFlowless(handle);
      dev = await startFlowless(handle, { env: { SESSION_COOKIE_SECURE: 'false' } });
      await seedUser(h, { email: 'browser@example.test', password: PASSWORD });
    });
    afterAll(async () => {
      await dev.close();
      await h.close();
      await h.handle.db.destroy();
    });

    describe('the session cookie', () => {
      it('is __Host-session_id, Secure, HttpOnly, SameSite=Lax, Path=/ and has no Domain', async () => {
        const res = await call(h, 'POST', '/auth/login', {
          body: { email: 'browser@example.test', password: PASSWORD },
        });
        expect(res.status).toBe(200);
        const cookie = res.headers.getSetCookie().find((line) => line.startsWith('__Host-session_id='));
        expect(cookie).toMatch(
          new RegExp(
            `^__Host-session_id=${String(res.body.session_id)}; Max-Age=\\d+; Path=/; HttpOnly; Secure; SameSite=Lax$`,
          ),
        );
        expect(res.headers.getSetCookie().some((line) => /domain=/i.test(line))).toBe(false);
      });

      it('is plain session_id without Secure when SESSION_COOKIE_SECURE=false (development over http)', async () => {
        const res = await call(dev, 'POST', '/auth/login', {
          body: { email: 'browser@example.test', password: PASSWORD },
        });
        const lines = res.headers.getSetCookie();
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          new RegExp(
            `^session_id=${String(res.body.session_id)}; Max-Age=\\d+; Path=/; HttpOnly; SameSite=Lax$`,
          ),
        );
      });

      it('is read under its own name and the legacy session_id and sessionId names', async () => {
        const sid = await login(h, 'browser@example.test', PASSWORD);
        for (const name of ['__Host-session_id', 'session_id', 'sessionId']) {
          const res = await call(h, 'GET', '/auth/validate-session', {
            headers: { cookie: `${name}=${sid}` },
          });
          expect(res.status, name).toBe(200);
        }
        expect(
          (await call(h, 'GET', '/auth/validate-session', { headers: { cookie: `other=${sid}` } })).status,
        ).toBe(401);
      });

      it('logout from the front end clears the __Host- cookie and a legacy session_id cookie', async () => {
        const sid = await login(h, 'browser@example.test', PASSWORD);
        const res = await call(h, 'POST', '/auth/logout', {
          headers: { cookie: `__Host-session_id=${sid}; session_id=${sid}`, origin: FRONTEND },
        });
        expect(res.status).toBe(200);
        const cleared = res.headers.getSetCookie();
        expect(cleared.some((line) => /^__Host-session_id=;.*Max-Age=0/.test(line))).toBe(true);
        expect(cleared.some((line) => /^session_id=;.*Max-Age=0/.test(line))).toBe(true);
        expect(await sessionValid(h, sid)).toBe(401);
      });
    });

    describe('CSRF', () => {
      const logout = (sid: string, headers: Record<string, string>) =>
        call(h, 'POST', '/auth/logout', { headers: { cookie: `__Host-session_id=${sid}`, ...headers } });

      it('refuses a cookie-authenticated logout from a foreign origin, a sibling subdomain or no origin, the session kept', async () => {
        const sid = await login(h, 'browser@example.test', PASSWORD);
        for (const headers of <Record<string, string>[]>[
          { origin: FOREIGN },
          { origin: SIBLING },
          { origin: 'null' },
          { 'sec-fetch-site': 'same-site' },
          { 'sec-fetch-site': 'cross-site' },
          {},
        ]) {
          const res = await logout(sid, headers);
          expect(res.status, JSON.stringify(headers)).toBe(403);
          expect(res.body.code).toBe('CSRF_REJECTED');
          expect(res.body.error).toMatch(/allowed origin/);
        }
        expect(await sessionValid(h, sid)).toBe(200);
      });

      it('accepts the front end, the server’s own origin and Sec-Fetch-Site same-origin', async () => {
        for (const headers of <Record<string, string>[]>[
          { origin: FRONTEND },
          { origin: 'http://localhost' },
          { 'sec-fetch-site': 'same-origin' },
        ]) {
          const sid = await login(h, 'browser@example.test', PASSWORD);
          expect((await logout(sid, headers)).status, JSON.stringify(headers)).toBe(200);
          expect(await sessionValid(h, sid)).toBe(401);
        }
      });

      it('leaves header-authenticated and cookie-less requests from any origin alone', async () => {
        const sid = await login(h, 'browser@example.test', PASSWORD);
        const viaHeader = await call(h, 'PUT', '/auth/profile', {
          session: sid,
          headers: { origin: FOREIGN, cookie: `__Host-session_id=${sid}` },
          body: { name: 'Header Person' },
        });
        expect(viaHeader.status).toBe(200);
        const viaBearer = await call(h, 'PUT', '/auth/profile', {
          headers: { origin: FOREIGN, authorization: `Bearer ${sid}` },
          body: { name: 'Bearer Person' },
        });
        expect(viaBearer.status).toBe(200);
        const cookieless = await call(h, 'POST', '/auth/login', {
          headers: { origin: FOREIGN },
          body: { email: 'browser@example.test', password: PASSWORD },
        });
        expect(cookieless.status).toBe(200);
      });

      it('every state-changing route refuses a cookie request from a foreign origin before it runs', async () => {
        const sid = await login(h, 'browser@example.test', PASSWORD);
        const routes = h.app.routes.filter((route) => STATE_CHANGING.has(route.method));
        expect(routes.length).toBeGreaterThan(30);
        for (const route of routes) {
          const path = route.path.replace(/:([A-Za-z0-9_]+)/g, 'x');
          for (const cookie of [`__Host-session_id=${sid}`, `session_id=${sid}`, `sessionId=${sid}`]) {
            const res = await call(h, route.method, path, { headers: { cookie, origin: FOREIGN }, body: {} });
            expect(`${route.method} ${route.path} ${res.status} ${String(res.body.code)}`).toBe(
              `${route.method} ${route.path} 403 CSRF_REJECTED`,
            );
          }
        }
        expect(await sessionValid(h, sid)).toBe(200);
      });
    });
  });
}
