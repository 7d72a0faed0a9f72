/**
 * Security properties across two real Flowless servers on 127.0.0.1 sharing Redis, on each
 * database: revocation reaches the other instance within 1 s, and rate limits hold across
 * instances (docs/security.md, properties 14, 15 and 26).
 */
import { type ServerType, serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { dialectServices, TEST_DIALECTS } from '#test-support/databases.js';
import { serviceUrls } from '#test-support/service-urls.js';
import { describeWithServices } from '#test-support/services.js';
import {
  BRIDGE_SECRET,
  freshDatabase,
  type Harness,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

for (const dialect of TEST_DIALECTS) {
  describeWithServices(
    ['redis', ...dialectServices(dialect)],
    `Flowless limits and revocation across two instances sharing Redis, on ${dialect}`,
    () => {
      const redis = new Redis(serviceUrls.redis, { maxRetriesPerRequest: 1 });
      const prefix = `flowless_rl_${Math.random().toString(36).slice(2)}`;
      const channel = `flowless:revocations:test:${prefix}`;
      const servers: ServerType[] = [];
      const urls: string[] = [];
      let a: Harness;
      let b: Harness;

      beforeAll(async () => {
        const handle = await freshDatabase(dialect, 'flowless_redis');
        const env = { RATE_LIMIT_LOGIN_MAX: '10', TRUSTED_PROXIES: '10.9.9.9', REVOCATION_CHANNEL: channel };
        a = await startFlowless(handle, { redis, keyPrefix: prefix, env });
        b = await startFlowless(handle, { redis, keyPrefix: prefix, env });
        for (const h of [a, b]) {
          const url = await new Promise<string>((resolve) => {
            const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
              resolve(`http://127.0.0.1:${info.port}`),
            );
            servers.push(server);
          });
          urls.push(url);
        }
      });
      afterAll(async () => {
        for (const s of servers) s.close();
        await a.close();
        await b.close();
        await a.handle.db.destroy();
        redis.disconnect();
      });

      const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });

      it('50 parallel logins over two instances get at most 10 through, the rest 429 with Retry-After, and a spoofed X-Forwarded-For does not help', async () => {
        const responses = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            post(
              urls[i % 2] as string,
              '/auth/login',
              { email: 'nobody@example.test', password: 'whatever pass' },
              { 'x-forwarded-for': `203.0.113.${i}` },
            ),
          ),
        );
        const limited = responses.filter((r) => r.status === 429);
        expect(responses.length - limited.length).toBeLessThanOrEqual(10);
        expect(limited.length).toBeGreaterThanOrEqual(40);
        expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
      });

      it('a logout on one instance makes the other instance refuse its cached validation within 1 s', async () => {
        await seedUser(a, { email: 'multi@example.test', password: 'two instances pw' });
        const sid = await a.services.sessions.issue(
          (await a.services.users.findByEmail('multi@example.test'))?.id ?? '',
          { ipAddress: null, userAgent: null, deviceId: null },
        );
        const validate = () =>
          post(
            urls[1] as string,
            '/auth/bridge/validate',
            { session_id: sid.id },
            { 'x-bridge-secret': BRIDGE_SECRET },
          );
        expect((await validate()).status).toBe(200);
        expect(((await (await validate()).json()) as { cached: boolean }).cached).toBe(true);
        expect((await post(urls[0] as string, '/auth/logout', {}, { 'x-session-id': sid.id })).status).toBe(
          200,
        );
        await vi.waitFor(async () => expect((await validate()).status).toBe(401), {
          timeout: 1000,
          interval: 20,
        });
      });
    },
  );
}
