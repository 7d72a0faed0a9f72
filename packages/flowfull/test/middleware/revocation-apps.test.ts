import { randomUUID } from 'node:crypto';
import { type BridgeValidator, hashSessionId, publishRevocation } from 'flowfull/bridge';
import { bridgeAuth, requireAuth } from 'flowfull/middleware';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithService, serviceUrls } from '#test-support/services.js';
import { useContractAuth } from '../support/index.js';

describeWithService('redis', 'two Flowfull apps on one Redis', () => {
  const channel = `flowless:revocations:test:${randomUUID()}`;
  const { flowless, makeValidator } = useContractAuth({
    validator: { redis: serviceUrls.redis, revocationSource: 'redis', revocationChannel: channel },
  });
  let publisher: Redis;
  const validators: BridgeValidator[] = [];

  function flowfullApp(): Hono {
    const validator = makeValidator({ keyPrefix: `bridge_test:${randomUUID()}` });
    validators.push(validator);
    const app = new Hono();
    app.use('*', bridgeAuth({ validator }));
    app.get('/api/v1/protected', requireAuth(), (c) => c.json({ userId: c.get('user_id') }));
    return app;
  }

  beforeAll(() => {
    publisher = new Redis(serviceUrls.redis);
  });
  afterAll(() => publisher.disconnect());

  it('a revocation published by Flowless makes both apps answer 401 within 1 s', async () => {
    const apps = [flowfullApp(), flowfullApp()];
    await Promise.all(validators.map((v) => v.ready()));
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-logout' });
    const get = (app: Hono) => app.request('/api/v1/protected', { headers: { 'X-Session-ID': id } });
    for (const app of apps) expect((await get(app)).status).toBe(200);
    const callsBefore = flowless.validateCalls;
    for (const app of apps) expect((await get(app)).status).toBe(200);
    expect(flowless.validateCalls).toBe(callsBefore);

    flowless.removeSession(id);
    await publishRevocation(publisher, { type: 'session.revoked', session_hash: hashSessionId(id) }, channel);
    await vi.waitFor(
      async () => {
        for (const app of apps) expect((await get(app)).status).toBe(401);
      },
      { timeout: 1000, interval: 20 },
    );
  });
});
