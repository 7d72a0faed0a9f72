/**
 * Personal API tokens and session endings through Flowfull, on PostgreSQL, MariaDB and libSQL: a
 * real Flowless server on 127.0.0.1 and two Flowfull backends (`bridgeAuth` + `requireAuth`), one
 * hearing revocations on the feed and one on Redis. A `Bearer flw_pat_…` is accepted as an
 * `api_token` principal, refused where a route says so, refused unsent when malformed, and a
 * revoked or expired token, a banned user or an ended session is refused on both backends within 1 s.
 */
import { BridgeValidator } from 'flowfull/bridge';
import { bridgeAuth, refuseApiTokens, requireAuth } from 'flowfull/middleware';
import { type RunningServer, serve } from 'flowfull/server';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialectServices, TEST_DIALECTS } from '#test-support/databases.js';
import { serviceUrls } from '#test-support/service-urls.js';
import { describeWithServices } from '#test-support/services.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'flowfull token password';

/** A Flowfull backend: who am I, and two routes closed to API tokens. */
function backend(validator: BridgeValidator): Hono {
  const app = new Hono();
  app.use('*', bridgeAuth({ validator }));
  const who = (c: import('hono').Context) =>
    c.json({
      user_id: c.get('user_id'),
      auth_type: c.get('session').auth_type,
      token_id: c.get('session').token_id,
    });
  app.get('/whoami', requireAuth(), who);
  app.get('/people-only', requireAuth({ allowApiTokens: false }), who);
  app.get('/people-only-too', requireAuth(), refuseApiTokens(), who);
  return app;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

for (const dialect of TEST_DIALECTS) {
  describeWithServices(
    ['redis', ...dialectServices(dialect)],
    `API tokens through Flowfull, ${dialect}`,
    () => {
      const channel = `flowless:revocations:test:tokens:${Math.random().toString(36).slice(2)}`;
      const redis = new Redis(serviceUrls.redis, { maxRetriesPerRequest: 1 });
      let flowless: Harness;
      let server: RunningServer;
      let viaFeed: BridgeValidator;
      let viaRedis: BridgeValidator;
      let backends: Hono[];
      let admin: string;
      let counter = 0;

      const person = async () => {
        const email = `ff-token-${++counter}@example.test`;
        const id = await seedUser(flowless, { email, password: PASSWORD });
        return { id, email, session: await login(flowless, email, PASSWORD) };
      };
      const mint = async (session: string, extra: Record<string, unknown> = {}) => {
        const res = await call(flowless, 'POST', '/auth/tokens', {
          session,
          body: { name: 'ci', current_password: PASSWORD, ...extra },
        });
        expect(res.status).toBe(201);
        return { secret: res.body.secret as string, id: (res.body.token as { id: string }).id };
      };
      /** Polls both backends until each refuses `credential`; returns the slowest time in ms. */
      const refusedEverywhereWithin = async (init: RequestInit): Promise<number> => {
        const started = performance.now();
        const times = await Promise.all(
          backends.map(async (app) => {
            for (;;) {
              const res = await app.request('/whoami', init);
              if (res.status === 401) return performance.now() - started;
              expect(res.status).toBe(200);
              if (performance.now() - started > 3000) return Number.POSITIVE_INFINITY;
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          }),
        );
        return Math.max(...times);
      };
      const warm = async (init: RequestInit) => {
        for (const app of backends) expect((await app.request('/whoami', init)).status).toBe(200);
      };

      beforeAll(async () => {
        const handle = await freshDatabase(dialect, 'flowless_tokens_flowfull');
        flowless = await startFlowless(handle, {
          redis,
          feedHeartbeatMs: 200,
          env: { REVOCATION_CHANNEL: channel, REVOCATION_FEED_POLL_MS: '50' },
        });
        server = await serve(flowless.app, {
          port: 0,
          hostname: '127.0.0.1',
          signals: [],
          onShutdown: flowless.endStreams,
        });
        const common = { flowlessApiUrl: server.url, validationSecret: BRIDGE_SECRET, retryAttempts: 0 };
        // The default validation mode (ADVANCED) on one: a token binds no IP, user agent or device.
        viaFeed = new BridgeValidator({ ...common, revocationSource: 'feed' });
        viaRedis = new BridgeValidator({
          ...common,
          redis,
          revocationChannel: channel,
          validationMode: { mode: 'DISABLED' },
        });
        expect(await viaFeed.ready(5000)).toBe(true);
        expect(await viaRedis.ready(5000)).toBe(true);
        backends = [backend(viaFeed), backend(viaRedis)];
        await seedUser(flowless, { email: 'ff-admin@example.test', password: PASSWORD, userType: 'admin' });
        admin = await login(flowless, 'ff-admin@example.test', PASSWORD);
      });
      afterAll(async () => {
        await viaFeed.close();
        await viaRedis.close();
        await server.close();
        await flowless.close();
        await flowless.handle.db.destroy();
        redis.disconnect();
      });

      it('requireAuth() admits a Bearer API token as an api_token principal with its token id', async () => {
        const u = await person();
        const token = await mint(u.session);
        for (const app of backends) {
          const res = await app.request('/whoami', bearer(token.secret));
          expect(res.status).toBe(200);
          expect(await res.json()).toEqual({ user_id: u.id, auth_type: 'api_token', token_id: token.id });
        }
        const bySession = await backends[0]?.request('/whoami', { headers: { 'x-session-id': u.session } });
        expect(await bySession?.json()).toEqual({ user_id: u.id, auth_type: 'session', token_id: null });
      });

      it('allowApiTokens: false and refuseApiTokens() answer a token 403 API_TOKEN_NOT_ALLOWED, a session 200', async () => {
        const u = await person();
        const token = await mint(u.session);
        for (const path of ['/people-only', '/people-only-too']) {
          const refused = await backends[0]?.request(path, bearer(token.secret));
          expect(refused?.status).toBe(403);
          expect(await refused?.json()).toMatchObject({ success: false, code: 'API_TOKEN_NOT_ALLOWED' });
          const admitted = await backends[0]?.request(path, { headers: { 'x-session-id': u.session } });
          expect(admitted?.status).toBe(200);
        }
      });

      it('refuses malformed tokens and bad checksums as SESSION_MALFORMED without asking Flowless', async () => {
        const u = await person();
        const { secret } = await mint(u.session);
        const badChecksum = `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`;
        const before = viaFeed.metrics().sources;
        for (const bad of [badChecksum, 'flw_pat_short', `${secret}x`]) {
          const res = await backends[0]?.request('/whoami', bearer(bad));
          expect(res?.status).toBe(401);
          expect(await res?.json()).toMatchObject({ code: 'SESSION_MALFORMED' });
        }
        const after = viaFeed.metrics();
        expect(after.sources.flowlessCalls).toBe(before.flowlessCalls);
        expect(after.outcomes.malformed).toBeGreaterThanOrEqual(3);
      });

      it('a revoked token is refused on both backends within 1 s', async () => {
        const u = await person();
        const token = await mint(u.session);
        await warm(bearer(token.secret));
        const res = await call(flowless, 'DELETE', `/auth/tokens/${token.id}`, { session: u.session });
        expect(res.status).toBe(200);
        expect(await refusedEverywhereWithin(bearer(token.secret))).toBeLessThan(1000);
      });

      it("a banned user's token is refused on both backends within 1 s", async () => {
        const u = await person();
        const token = await mint(u.session);
        await warm(bearer(token.secret));
        const ban = await call(flowless, 'PUT', `/auth/users/${u.id}`, {
          session: admin,
          body: { is_banned: true },
        });
        expect(ban.status).toBe(200);
        expect(await refusedEverywhereWithin(bearer(token.secret))).toBeLessThan(1000);
      });

      it("a deleted user's token is refused on both backends within 1 s", async () => {
        const u = await person();
        const token = await mint(u.session);
        await warm(bearer(token.secret));
        expect((await call(flowless, 'DELETE', `/auth/users/${u.id}`, { session: admin })).status).toBe(200);
        expect(await refusedEverywhereWithin(bearer(token.secret))).toBeLessThan(1000);
      });

      it('an expired token is refused on both backends within 1 s of its expiry', async () => {
        const u = await person();
        const expiresAt = Date.now() + 1500;
        const token = await mint(u.session, { expiresAt: new Date(expiresAt).toISOString() });
        await warm(bearer(token.secret));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now())));
        expect(await refusedEverywhereWithin(bearer(token.secret))).toBeLessThan(1000);
      });

      it('a session ended from the sessions list, or by an admin, is refused on both backends within 1 s', async () => {
        const u = await person();
        const other = await login(flowless, u.email, PASSWORD);
        await warm({ headers: { 'x-session-id': other } });
        const list = await call(flowless, 'GET', '/auth/sessions', { session: u.session });
        const target = (list.body.sessions as { id: string; current: boolean }[]).find((s) => !s.current);
        const ended = await call(flowless, 'DELETE', `/auth/sessions/${target?.id}`, {
          session: u.session,
          body: { currentPassword: PASSWORD },
        });
        expect(ended.status).toBe(200);
        expect(await refusedEverywhereWithin({ headers: { 'x-session-id': other } })).toBeLessThan(1000);

        await warm({ headers: { 'x-session-id': u.session } });
        const all = await call(flowless, 'DELETE', `/auth/admin/users/${u.id}/sessions`, { session: admin });
        expect(all.status).toBe(200);
        expect(await refusedEverywhereWithin({ headers: { 'x-session-id': u.session } })).toBeLessThan(1000);
      });
    },
  );
}
