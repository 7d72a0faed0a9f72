import { randomUUID } from 'node:crypto';
import { BridgeValidator, hashSessionId, publishRevocation } from 'flowfull/bridge';
import { bridgeAuth, requireAuth } from 'flowfull/middleware';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithService, serviceUrls } from '#test-support/services.js';
import { FlowlessContractServer } from '../../src/testing/index.js';

describeWithService('redis', 'two Flowfull apps on one Redis', () => {
  let flowless: FlowlessContractServer;
  let publisher: Redis;
  const channel = `flowless:revocations:test:${randomUUID()}`;
  const validators: BridgeValidator[] = [];

  function flowfullApp(): Hono {
    const validator = new BridgeValidator({
      flowlessApiUrl: flowless.url,
      validationSecret: flowless.secret,
      redis: serviceUrls.redis,
      revocationChannel: channel,
      keyPrefix: `bridge_test:${randomUUID()}`,
      validationMode: { mode: 'DISABLED' },
    });
    validators.push(validator);
    const app = new Hono();
    app.use('*', bridgeAuth({ validator }));
    app.get('/api/v1/protected', requireAuth(), (c) => c.json({ userId: c.get('user_id') }));
    return app;
  }

  beforeAll(async () => {
    flowless = await FlowlessContractServer.start();
    publisher = new Redis(serviceUrls.redis);
  });
  afterAll(async () => {
    await Promise.all(validators.map((v) => v.close()));
    publisher.disconnect();
    await flowless.close();
  });

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
