import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { createRedisTokenStateStore, createTrustTokens, V4 } from 'flowfull/tokens';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithService, serviceUrls } from '#test-support/services.js';
import { runTokenStateStoreSuite } from '../../src/tokens/testing/token-state-store-suite.js';

const prefix = `flowfull:test:tokens:${randomUUID()}:`;
const clients: Redis[] = [];
const connect = (): Redis => {
  const client = new Redis(serviceUrls.redis, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
};

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit().catch(() => undefined)));
});

describeWithService('redis', 'Redis TokenStateStore', () => {
  runTokenStateStoreSuite({
    name: 'redis',
    createStore: () => createRedisTokenStateStore({ client: connect(), prefix }),
  });

  it('stores one key per token id under the prefix, expiring with the token', async () => {
    const client = connect();
    const store = createRedisTokenStateStore({ client, prefix });
    const jti = randomUUID();
    expect(await store.consume(jti, new Date(Date.now() + 30_000))).toBe(true);
    const ttl = await client.pttl(`${prefix}${jti}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await client.get(`${prefix}${jti}`)).toBe('used');
  });

  it('keeps at least minimumTtl for a token that has already expired', async () => {
    const client = connect();
    const store = createRedisTokenStateStore({ client, prefix, minimumTtl: 5000 });
    const jti = randomUUID();
    expect(await store.consume(jti, new Date(Date.now() - 60_000))).toBe(true);
    expect(await client.pttl(`${prefix}${jti}`)).toBeGreaterThan(1000);
  });

  it('a consumed trust token keeps its key until exp + clockTolerance, while it could still verify', async () => {
    const client = connect();
    const keys = await V4.generateKey('public');
    const tokens = createTrustTokens({
      keys: { secretKey: keys.secretKey },
      store: createRedisTokenStateStore({ client, prefix }),
      clockTolerance: 60_000,
    });
    const { token, jti } = await tokens.issue('password_reset', {}, { ttl: 1000, singleUse: true });
    await tokens.consume(token, { type: 'password_reset' });
    expect(await client.pttl(`${prefix}${jti}`)).toBeGreaterThan(30_000);
    await tokens.revoke(jti, new Date(Date.now() + 1000));
    expect(await client.pttl(`${prefix}${jti}`)).toBeGreaterThan(30_000);
  });

  it('trust tokens consumed by several processes-worth of clients are used exactly once', async () => {
    const keys = await V4.generateKey('public');
    const instances = [0, 1, 2, 3].map(() =>
      createTrustTokens({
        keys: { secretKey: keys.secretKey },
        store: createRedisTokenStateStore({ client: connect(), prefix }),
      }),
    );
    const { token } = await (instances[0]?.issue('password_reset', {}, { singleUse: true }) ??
      Promise.reject());
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => instances[i % 4]?.consume(token, { type: 'password_reset' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('Redis TokenStateStore when Redis is unreachable', () => {
  it('consume() rejects instead of reporting success (fails closed)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = new Redis({
      port,
      host: '127.0.0.1',
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    client.on('error', () => undefined);
    const store = createRedisTokenStateStore({ client });
    await expect(store.consume(randomUUID(), new Date(Date.now() + 60_000))).rejects.toThrow();
    client.disconnect();
  });
});
