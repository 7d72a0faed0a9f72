/**
 * Invalidation reaches every instance, and with Redis down the credential endpoints fail closed
 * with 503 and Retry-After while bridge validation keeps working from memory and the database
 * (docs/security.md, properties 16 and 32), on real Redis. Redis is broken through a TCP proxy
 * owned by this test, never by
 * touching the server (flowfull's test proxy). On each database.
 */

import { TcpProxy } from 'flowfull/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
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

const secret = { 'x-bridge-secret': BRIDGE_SECRET };

for (const dialect of TEST_DIALECTS) {
  describeWithServices(
    ['redis', ...dialectServices(dialect)],
    `Flowless on shared Redis: invalidation on every instance, Redis outages, on ${dialect}`,
    () => {
      const prefix = `flowless_shared_${Math.random().toString(36).slice(2)}`;
      const env = { REVOCATION_CHANNEL: `flowless:revocations:test:${prefix}` };
      const direct = new Redis(serviceUrls.redis, { maxRetriesPerRequest: 1 });
      let proxy: TcpProxy;
      let viaProxy: Redis;
      let a: Harness;
      let b: Harness;
      let faulty: Harness;

      beforeAll(async () => {
        const handle = await freshDatabase(dialect, 'flowless_shared');
        a = await startFlowless(handle, { redis: direct, keyPrefix: prefix, env });
        b = await startFlowless(handle, { redis: direct, keyPrefix: prefix, env });
        proxy = await TcpProxy.start(serviceUrls.redis);
        viaProxy = new Redis(proxy.url, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 500,
        });
        // The outage is expected: its errors are counted by the cache and limiter, not printed.
        viaProxy.on('error', () => undefined);
        faulty = await startFlowless(handle, { redis: viaProxy, keyPrefix: `${prefix}_faulty`, env });
      });
      afterAll(async () => {
        for (const h of [a, b, faulty]) await h.close();
        viaProxy.disconnect();
        direct.disconnect();
        await proxy.close();
        await a.handle.db.destroy();
      });

      const validate = (h: Harness, sessionId: string) =>
        call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { session_id: sessionId } });

      it('17: invalidating a user needs the secret, then the next validation on each instance reads the store', async () => {
        const userId = await seedUser(a, { email: 'i17@example.test', password: 'item seventeen pw' });
        const sid = await login(a, 'i17@example.test', 'item seventeen pw');
        for (const h of [a, b]) {
          await validate(h, sid);
          expect((await validate(h, sid)).body.cached).toBe(true);
        }
        const refused = await call(a, 'POST', '/auth/bridge/invalidate', { body: { user_id: userId } });
        expect(refused.status).toBe(401);
        for (const h of [a, b]) expect((await validate(h, sid)).body.cached).toBe(true);

        // A change written behind the cache's back: only a read of the store can show it.
        await a.services.users.update(userId, { name: 'Renamed' });
        for (const h of [a, b])
          expect((await validate(h, sid)).body).toMatchObject({ cached: true, user: { name: null } });
        const forgot = await call(a, 'POST', '/auth/invalidate/me', { session: sid });
        expect(forgot.status).toBe(200);
        for (const h of [a, b]) {
          await vi.waitFor(
            async () =>
              expect((await validate(h, sid)).body).toMatchObject({ valid: true, user: { name: 'Renamed' } }),
            { timeout: 1000, interval: 20 },
          );
        }

        const revoked = await call(a, 'POST', '/auth/bridge/invalidate', {
          headers: secret,
          body: { user_id: userId },
        });
        expect(revoked).toMatchObject({ status: 200, body: { success: true } });
        for (const h of [a, b]) {
          await vi.waitFor(async () => expect((await validate(h, sid)).status).toBe(401), {
            timeout: 1000,
            interval: 20,
          });
        }
      });

      it('29: with Redis unreachable, login and reset requests fail closed (503, Retry-After) while bridge validation still answers', async () => {
        await seedUser(faulty, { email: 'i29@example.test', password: 'item twenty-nine' });
        const sid = await login(faulty, 'i29@example.test', 'item twenty-nine');
        expect((await validate(faulty, sid)).status).toBe(200);

        await proxy.kill();
        await vi.waitFor(() => expect(viaProxy.status).not.toBe('ready'), { timeout: 2000, interval: 10 });
        const refused = await call(faulty, 'POST', '/auth/login', {
          body: { email: 'i29@example.test', password: 'item twenty-nine' },
        });
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({ success: false, code: 'ERR_FLOWLESS_UNAVAILABLE' });
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(refused.body).not.toHaveProperty('session_id');
        const reset = await call(faulty, 'POST', '/auth/password-reset/request', {
          body: { email: 'i29@example.test' },
        });
        expect(reset.status).toBe(503);
        expect(await validate(faulty, sid)).toMatchObject({ status: 200, body: { valid: true } });
        expect((await validate(faulty, 'unknown-session-id-0000000000000000000000')).status).toBe(401);

        await proxy.revive();
        await vi.waitFor(() => expect(viaProxy.status).toBe('ready'), { timeout: 5000, interval: 20 });
        const again = await call(faulty, 'POST', '/auth/login', {
          body: { email: 'i29@example.test', password: 'item twenty-nine' },
        });
        expect(again.status).toBe(200);
      });
    },
  );
}
