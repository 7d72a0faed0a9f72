import { randomUUID } from 'node:crypto';
import {
  BridgeValidator,
  type BridgeValidatorOptions,
  hashSessionId,
  publishRevocation,
} from 'flowfull/bridge';
import { createCacheRedisClient } from 'flowfull/cache';
import { TcpProxy } from 'flowfull/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeWithService, serviceUrls } from '#test-support/services.js';
import { FlowlessContractServer } from '../../src/testing/index.js';

describeWithService('redis', 'BridgeValidator revocation connection', () => {
  let flowless: FlowlessContractServer;
  let publisher: Redis;
  const cleanups: (() => Promise<void> | void)[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  function make(
    redis: Redis | string,
    logs: string[] = [],
    options: Partial<BridgeValidatorOptions> = {},
  ): { validator: BridgeValidator; channel: string } {
    const id = randomUUID();
    const channel = `flowless:revocations:test:${id}`;
    const validator = new BridgeValidator({
      flowlessApiUrl: flowless.url,
      validationSecret: flowless.secret,
      redis,
      revocationChannel: channel,
      keyPrefix: `bridge_conn_test:${id}`,
      validationMode: { mode: 'DISABLED' },
      logger: { warn: (_f, m) => logs.push(m), error: (_f, m) => logs.push(m) },
      ...options,
    });
    cleanups.push(() => validator.close());
    return { validator, channel };
  }

  async function expectRevocationApplied(validator: BridgeValidator, channel: string): Promise<void> {
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: `u-${randomUUID()}` });
    expect((await validator.validateSession(id)).success).toBe(true);
    flowless.removeSession(id);
    await vi.waitFor(
      async () => {
        await publishRevocation(
          publisher,
          { type: 'session.revoked', session_hash: hashSessionId(id) },
          channel,
        );
        const result = await validator.validateSession(id);
        expect(result.success ? null : result.code).toBe('SESSION_INVALID');
      },
      { timeout: 3000, interval: 50 },
    );
  }

  beforeAll(async () => {
    flowless = await FlowlessContractServer.start();
    publisher = new Redis(serviceUrls.redis);
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    publisher.disconnect();
    await flowless.close();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    expect(unhandled).toEqual([]);
  });

  it('subscribes with a client created with enableOfflineQueue: false before it is connected', async () => {
    const client = createCacheRedisClient(serviceUrls.redis);
    cleanups.push(() => client.disconnect());
    const { validator, channel } = make(client);
    expect(await validator.ready()).toBe(true);
    await expectRevocationApplied(validator, channel);
  });

  it('leaves the caller’s client open on close() and usable afterwards', async () => {
    const client = createCacheRedisClient(serviceUrls.redis);
    cleanups.push(() => client.disconnect());
    const { validator } = make(client);
    await validator.ready();
    await validator.close();
    expect(await client.ping()).toBe('PONG');
  });

  it('starts without Redis, logs the fault, and subscribes once Redis answers', async () => {
    const proxy = await TcpProxy.start(serviceUrls.redis);
    cleanups.push(() => proxy.close());
    await proxy.kill();
    const logs: string[] = [];
    const { validator, channel } = make(proxy.url, logs);
    expect(await validator.ready(50)).toBe(false);
    await vi.waitFor(() => expect(logs).toContain('bridge revocation subscriber connection failed'));
    await proxy.revive();
    expect(await validator.ready(10_000)).toBe(true);
    await expectRevocationApplied(validator, channel);
  });

  it('resubscribes after the connection drops and drops in-process entries it may have missed revocations for', async () => {
    const proxy = await TcpProxy.start(serviceUrls.redis);
    cleanups.push(() => proxy.close());
    const client = createCacheRedisClient(proxy.url);
    cleanups.push(() => client.disconnect());
    const logs: string[] = [];
    // No shared store: the entry lives in this process only, as the missed revocation would leave it.
    const { validator, channel } = make(client, logs, { cache: null });
    await validator.ready();
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-missed' });
    await validator.validateSession(id);
    await proxy.kill();
    // Revoked while this instance cannot hear it.
    flowless.removeSession(id);
    await proxy.revive();
    await vi.waitFor(
      () => expect(logs).toContain('bridge revocation subscription restored; local cache dropped'),
      {
        timeout: 5000,
      },
    );
    const result = await validator.validateSession(id);
    expect(result.success ? null : result.code).toBe('SESSION_INVALID');
    await expectRevocationApplied(validator, channel);
  });
});
