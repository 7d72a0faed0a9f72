/**
 * The validator keeps its validations in one HybridCache: the warm path is its L1, and a cold
 * validation on one instance that writes the shared entry leaves the other instances' copies in
 * place (only revocations evict).
 */
import { randomUUID } from 'node:crypto';
import { BridgeValidator, hashSessionId } from 'flowfull/bridge';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService, serviceUrls } from '#test-support/services.js';
import { FlowlessContractServer } from '../../src/testing/index.js';

describeWithService('redis', 'one session cache shared over Redis', () => {
  let flowless: FlowlessContractServer;
  let redis: Redis;
  const validators: BridgeValidator[] = [];
  const keyPrefix = `bridge_one_cache:${randomUUID()}`;

  const validator = (): BridgeValidator => {
    const created = new BridgeValidator({
      flowlessApiUrl: flowless.url,
      validationSecret: flowless.secret,
      redis: serviceUrls.redis,
      revocationChannel: `flowless:revocations:test:${randomUUID()}`,
      keyPrefix,
      validationMode: { mode: 'DISABLED' },
    });
    validators.push(created);
    return created;
  };

  beforeAll(async () => {
    flowless = await FlowlessContractServer.start();
    redis = new Redis(serviceUrls.redis);
  });
  afterAll(async () => {
    await Promise.all(validators.map((v) => v.close()));
    redis.disconnect();
    await flowless.close();
  });

  it('a cold validation on B that rewrites the shared entry leaves A answering from its own copy', async () => {
    const a = validator();
    const b = validator();
    await Promise.all([a.ready(), b.ready()]);
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-one-cache' });
    expect(a.resolveSession(id)).toBeInstanceOf(Promise);
    await a.validateSession(id);
    await a.idle();
    // The shared entry is gone (expired, say): B must ask Flowless and write it again.
    await redis.del(`${keyPrefix}:session:${hashSessionId(id)}`);
    await b.validateSession(id);
    await b.idle();
    expect(flowless.validateCalls).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = a.metrics().sources;
    const warm = a.resolveSession(id);
    expect(warm).toMatchObject({ success: true, session: { user_id: 'u-one-cache' } });
    expect(a.metrics().sources.localHits).toBe(before.localHits + 1);
    expect(flowless.validateCalls).toBe(2);
  });

  it('B reads what A validated from the shared tier without asking Flowless', async () => {
    const a = validator();
    const b = validator();
    await Promise.all([a.ready(), b.ready()]);
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-shared' });
    const calls = flowless.validateCalls;
    await a.validateSession(id);
    await a.idle();
    expect((await b.validateSession(id)).success).toBe(true);
    expect(flowless.validateCalls).toBe(calls + 1);
    expect(b.metrics().sources.sharedHits).toBe(1);
  });
});
