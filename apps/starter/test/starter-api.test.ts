import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, testDatabaseUrl } from '#test-support/databases.js';
import { createStarterApp } from '../src/app.js';
import { type StarterHarness, startStarter } from './support.js';

type Json = Record<string, unknown> & { data?: unknown };

for (const dialect of TEST_DIALECTS) {
  const available = dialectAvailable(dialect);
  describe.skipIf(!available)(
    `starter API on ${dialect}${available ? '' : ' [skipped: not reachable]'}`,
    () => {
      let h: StarterHarness;
      const owner = `owner-${randomUUID()}`;
      const other = `other-${randomUUID()}`;
      let ownerSession: string;
      let otherSession: string;

      const call = async (path: string, init: RequestInit & { session?: string } = {}) => {
        const headers = new Headers(init.headers);
        if (init.session) headers.set('X-Session-ID', init.session);
        if (init.body) headers.set('Content-Type', 'application/json');
        const res = await h.app.request(path, { ...init, headers });
        return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
      };
      const create = async (session: string, item: Record<string, unknown>) =>
        call('/api/v1/items', { method: 'POST', session, body: JSON.stringify(item) });

      beforeAll(async () => {
        h = await startStarter(await testDatabaseUrl(dialect, 'starter_api'));
        ownerSession = h.session(owner);
        otherSession = h.session(other);
      });
      afterAll(async () => h?.close());

      it('GET /api/v1/protected answers 401 in the envelope without a session and the user id with one', async () => {
        const anonymous = await call('/api/v1/protected');
        expect(anonymous.status).toBe(401);
        expect(anonymous.body).toMatchObject({ success: false, code: 'SESSION_MISSING' });
        expect(anonymous.body.request_id).toBe(anonymous.headers.get('x-request-id'));
        const signedIn = await call('/api/v1/protected', { session: ownerSession });
        expect(signedIn.body).toEqual({ message: 'Protected data', userId: owner });
      });

      it('GET /api/v1/protected/step-up refuses a session without a verified second factor (403), and no session (401)', async () => {
        expect((await call('/api/v1/protected/step-up')).status).toBe(401);
        const skipped = await call('/api/v1/protected/step-up', { session: ownerSession });
        expect(skipped.status).toBe(403);
        expect(skipped.body).toMatchObject({ success: false, code: 'TWO_FACTOR_REQUIRED' });
      });

      it('creates items with the session in the header, the cookie and the query', async () => {
        const viaHeader = await create(ownerSession, { title: 'header item' });
        expect(viaHeader.status).toBe(201);
        expect(viaHeader.body.data).toMatchObject({
          title: 'header item',
          owner_id: owner,
          is_public: false,
        });
        const viaCookie = await h.app.request('/api/v1/items', {
          method: 'POST',
          body: JSON.stringify({ title: 'cookie item' }),
          headers: {
            'Content-Type': 'application/json',
            Cookie: `__Host-session_id=${ownerSession}`,
            Origin: 'https://app.example.com',
          },
        });
        expect(viaCookie.status).toBe(201);
        const viaQuery = await h.app.request(`/api/v1/items?session_id=${ownerSession}`, {
          method: 'POST',
          body: JSON.stringify({ title: 'query item' }),
          headers: { 'Content-Type': 'application/json' },
        });
        expect(viaQuery.status).toBe(201);
      });

      it('refuses a cookie-authenticated text/plain or form body with 415, creating nothing', async () => {
        const title = `csrf ${randomUUID()}`;
        for (const [type, body] of [
          ['text/plain', JSON.stringify({ title })],
          ['application/x-www-form-urlencoded', `title=${encodeURIComponent(title)}`],
        ] as const) {
          const res = await h.app.request('/api/v1/items', {
            method: 'POST',
            body,
            headers: {
              'Content-Type': type,
              Cookie: `session_id=${ownerSession}`,
              Origin: 'https://app.example.com',
            },
          });
          expect(res.status).toBe(415);
          expect(await res.json()).toMatchObject({ success: false, code: 'ERR_HTTP_UNSUPPORTED_MEDIA_TYPE' });
        }
        const mine = await call('/api/v1/items?limit=100', { session: ownerSession });
        expect((mine.body.items as { title: string }[]).map((item) => item.title)).not.toContain(title);
      });

      it('refuses a cookie-authenticated change from a foreign origin, a sibling subdomain or no origin with 403 CSRF_REJECTED', async () => {
        const title = `forged ${randomUUID()}`;
        const forged = (headers: Record<string, string>) =>
          h.app.request('/api/v1/items', {
            method: 'POST',
            body: JSON.stringify({ title }),
            headers: {
              'Content-Type': 'application/json',
              Cookie: `__Host-session_id=${ownerSession}`,
              ...headers,
            },
          });
        for (const headers of <Record<string, string>[]>[
          { Origin: 'https://attacker.example' },
          { Origin: 'https://evil.example.com' },
          { 'Sec-Fetch-Site': 'same-site' },
          {},
        ]) {
          const res = await forged(headers);
          expect(res.status, JSON.stringify(headers)).toBe(403);
          expect(await res.json()).toMatchObject({ success: false, code: 'CSRF_REJECTED' });
        }
        const mine = await call('/api/v1/items?limit=100', { session: ownerSession });
        expect((mine.body.items as { title: string }[]).map((item) => item.title)).not.toContain(title);
        expect((await forged({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
        expect((await forged({ Origin: 'http://localhost' })).status).toBe(201);
      });

      it('lets a header-authenticated change from a foreign origin through', async () => {
        const res = await call('/api/v1/items', {
          method: 'POST',
          session: ownerSession,
          headers: { Origin: 'https://attacker.example', Cookie: `session_id=${otherSession}` },
          body: JSON.stringify({ title: 'header wins' }),
        });
        expect(res.status).toBe(201);
        expect(res.body.data).toMatchObject({ owner_id: owner });
      });

      it('refuses an invalid body with 400 naming each failing field', async () => {
        const res = await create(ownerSession, { title: '', is_public: 'yes', extra: 1 });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('ERR_HTTP_VALIDATION_FAILED');
        const fields = (res.body.fields as { field: string }[]).map((f) => f.field);
        expect(fields).toEqual(expect.arrayContaining(['title', 'is_public']));
      });

      it('shows guests public items only, and users their own plus public ones', async () => {
        const open = (await create(ownerSession, { title: `public ${owner}`, is_public: true })).body
          .data as { id: string };
        const secret = (await create(ownerSession, { title: `private ${owner}` })).body.data as {
          id: string;
        };
        const ids = async (session?: string) =>
          (
            (await call('/api/v1/items?limit=100', session ? { session } : {})).body.items as { id: string }[]
          ).map((i) => i.id);
        const guest = await ids();
        expect(guest).toContain(open.id);
        expect(guest).not.toContain(secret.id);
        expect(await ids(ownerSession)).toEqual(expect.arrayContaining([open.id, secret.id]));
        const stranger = await ids(otherSession);
        expect(stranger).toContain(open.id);
        expect(stranger).not.toContain(secret.id);
      });

      it('answers 404 for a private item of someone else and 403 for changing their public one', async () => {
        const open = (await create(ownerSession, { title: 'mine, public', is_public: true })).body.data as {
          id: string;
        };
        const secret = (await create(ownerSession, { title: 'mine, private' })).body.data as { id: string };
        const put = (id: string, session: string) =>
          call(`/api/v1/items/${id}`, {
            method: 'PUT',
            session,
            body: JSON.stringify({ title: 'hijacked' }),
          });
        expect((await put(secret.id, otherSession)).status).toBe(404);
        expect((await call(`/bridge/items/${secret.id}`, { session: otherSession })).status).toBe(404);
        expect(
          (await call(`/api/v1/items/${secret.id}`, { method: 'DELETE', session: otherSession })).status,
        ).toBe(404);
        const forbidden = await put(open.id, otherSession);
        expect(forbidden.status).toBe(403);
        expect(forbidden.body.code).toBe('ERR_ITEM_FORBIDDEN');
        expect(
          (await call(`/api/v1/items/${open.id}`, { method: 'DELETE', session: otherSession })).status,
        ).toBe(403);
        const mine = await put(secret.id, ownerSession);
        expect(mine.status).toBe(200);
        expect(mine.body.data).toMatchObject({ title: 'hijacked' });
        expect(
          (await call(`/api/v1/items/${secret.id}`, { method: 'DELETE', session: ownerSession })).status,
        ).toBe(200);
        expect((await call(`/bridge/items/${secret.id}`, { session: ownerSession })).status).toBe(404);
      });

      it('serves Bridge list and search with page, limit, orderBy, orderDir, q and field:op filters', async () => {
        const tag = randomUUID().slice(0, 8);
        for (const title of ['alpha', 'beta', 'gamma']) {
          await create(otherSession, { title: `${title} ${tag}`, is_public: title !== 'beta' });
        }
        const list = await call(
          `/bridge/items?owner_id%3Aeq=${other}&orderBy=title&orderDir=asc&limit=2&page=1`,
          { session: otherSession },
        );
        expect(list.status).toBe(200);
        expect((list.body.data as { title: string }[]).map((i) => i.title)).toEqual([
          `alpha ${tag}`,
          `beta ${tag}`,
        ]);
        expect(list.body.meta).toEqual({ page: 1, limit: 2, total: 3, hasMore: true, totalPages: 2 });
        const filtered = await call(`/bridge/items?owner_id:eq=${other}&is_public:eq=true&title:sw=GAM`, {
          session: otherSession,
        });
        expect((filtered.body.data as { title: string }[]).map((i) => i.title)).toEqual([`gamma ${tag}`]);
        const search = await call(`/bridge/items/search?q=${tag}&owner_id[in]=${other},nobody`);
        expect((search.body.data as unknown[]).length).toBe(2);
        const bad = await call('/bridge/items?secret_column:eq=1');
        expect(bad.status).toBe(400);
        expect(bad.body.code).toBe('ERR_BRIDGE_QUERY_INVALID');
        const prototypeKey = await call('/bridge/items?title:constructor=1');
        expect(prototypeKey.status).toBe(400);
        expect(prototypeKey.body).toMatchObject({
          code: 'ERR_BRIDGE_QUERY_UNKNOWN_OPERATOR',
          error: 'Unknown filter operator "constructor" in title:constructor',
        });
        expect((await call('/bridge/items?orderDir=sideways')).status).toBe(400);
      });

      it('runs Bridge create, get, update and delete for the owner', async () => {
        const created = await call('/bridge/items', {
          method: 'POST',
          session: otherSession,
          body: JSON.stringify({ title: 'b' }),
        });
        expect(created.status).toBe(201);
        const id = (created.body.data as { id: string }).id;
        expect((await call(`/bridge/items/${id}`, { session: otherSession })).body.data).toMatchObject({
          id,
          title: 'b',
        });
        const updated = await call(`/bridge/items/${id}`, {
          method: 'PUT',
          session: otherSession,
          body: JSON.stringify({ is_public: true }),
        });
        expect(updated.body.data).toMatchObject({ id, is_public: true });
        expect((await call(`/bridge/items/${id}`, { method: 'DELETE', session: ownerSession })).status).toBe(
          403,
        );
        expect((await call(`/bridge/items/${id}`, { method: 'DELETE', session: otherSession })).body).toEqual(
          {
            success: true,
            data: { id },
          },
        );
      });

      it('issues a single-use share link that a guest redeems once, even for a private item', async () => {
        const secret = (await create(ownerSession, { title: 'shared secret' })).body.data as { id: string };
        expect(
          (
            await call(`/api/v1/items/${secret.id}/share`, {
              method: 'POST',
              session: otherSession,
              body: '{}',
            })
          ).status,
        ).toBe(404);
        const issued = await call(`/api/v1/items/${secret.id}/share`, {
          method: 'POST',
          session: ownerSession,
          body: JSON.stringify({ ttl_minutes: 5 }),
        });
        expect(issued.status).toBe(201);
        const { token } = issued.body.data as { token: string };
        expect(token.startsWith('v4.public.')).toBe(true);
        const redeem = () =>
          call('/api/v1/shares/redeem', { method: 'POST', body: JSON.stringify({ token }) });
        const first = await redeem();
        expect(first.status).toBe(200);
        expect(first.body.data).toMatchObject({ id: secret.id, title: 'shared secret' });
        const second = await redeem();
        expect(second.status).toBe(410);
        expect(second.body.code).toBe('ERR_SHARE_USED');
        const forged = await call('/api/v1/shares/redeem', {
          method: 'POST',
          body: JSON.stringify({ token: `${token}x` }),
        });
        expect(forged.status).toBe(400);
        expect(forged.body.code).toBe('ERR_SHARE_INVALID');
      });

      it('lets only admins delete a user, whose items go with them once the auth server agrees', async () => {
        const victim = `victim-${randomUUID()}`;
        const victimSession = h.session(victim);
        await create(victimSession, { title: 'to be removed', is_public: true });
        expect(
          (await call(`/api/v1/admin/users/${victim}`, { method: 'DELETE', session: otherSession })).status,
        ).toBe(403);
        const adminSession = h.session(`admin-${randomUUID()}`, 'admin');
        // The contract server has no admin routes: it refuses, and nothing is deleted here.
        const refused = await call(`/api/v1/admin/users/${victim}`, {
          method: 'DELETE',
          session: adminSession,
        });
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('ERR_ADMIN_FORBIDDEN');
        expect((await call(`/bridge/items?owner_id:eq=${victim}`)).body.meta).toMatchObject({ total: 1 });
        const asked: string[] = [];
        const app = createStarterApp({
          ...h.services,
          flowlessAdmin: {
            deleteUser: async (userId, sessionId) => {
              asked.push(userId, sessionId);
              return 'deleted';
            },
          },
        });
        const res = await app.request(`/api/v1/admin/users/${victim}`, {
          method: 'DELETE',
          headers: { 'X-Session-ID': adminSession },
        });
        const deleted = { status: res.status, body: (await res.json()) as Json };
        expect(asked).toEqual([victim, adminSession]);
        expect(deleted.status).toBe(200);
        expect(deleted.body.data).toMatchObject({ user_id: victim, items_deleted: 1 });
        const left = await call(`/bridge/items?owner_id:eq=${victim}`);
        expect(left.body.meta).toMatchObject({ total: 0 });
      });

      it('admits admin and superadmin to the admin routes, and refuses a super_admin session', async () => {
        const deleteAs = async (userType: string) =>
          call(`/api/v1/admin/users/nobody-${randomUUID()}`, {
            method: 'DELETE',
            session: h.session(`${userType}-${randomUUID()}`, userType),
          });
        const legacy = await deleteAs('super_admin');
        expect(legacy.status).toBe(403);
        expect(legacy.body.code).toBe('INSUFFICIENT_PERMISSIONS');
        // Past the guard, the contract server (which has no admin routes) refuses the deletion.
        for (const userType of ['admin', 'superadmin']) {
          expect((await deleteAs(userType)).body.code).toBe('ERR_ADMIN_FORBIDDEN');
        }
      });

      it('serves /health/ready, /openapi.json from the route schemas and /metrics with validation outcomes', async () => {
        const ready = await call('/health/ready');
        expect(ready.status).toBe(200);
        expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', flowless: 'ok' } });
        const doc = (await call('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
        expect(Object.keys(doc.paths)).toEqual(
          expect.arrayContaining(['/api/v1/items/{id}', '/bridge/items/search', '/api/v1/admin/users/{id}']),
        );
        expect(JSON.stringify(doc.paths['/api/v1/items']?.post)).toContain('"maxLength":200');
        const metrics = await (await h.app.request('/metrics')).text();
        expect(metrics).toMatch(
          /flowfull_session_validations_total\{outcome="valid",service="starter"\} \d+/,
        );
        expect(metrics).toContain('flowfull_cache_requests_total');
      });
    },
  );
}
