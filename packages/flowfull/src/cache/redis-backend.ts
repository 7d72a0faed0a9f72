/**
 * @module Builds the Redis side of a HybridCache (the L2 driver and the invalidation bus) from the
 * `redis` option.
 */
import type { Redis } from 'ioredis';
import { sharedCacheConnection } from './cache-defaults.js';
import { createCacheRedisClient } from './drivers/redis-connection.js';
import { RedisDriver } from './drivers/redis-driver.js';
import { InvalidationBus, type InvalidationBusOptions } from './invalidation-bus.js';
import type { ResolvedCacheOptions } from './options.js';

/** The Redis pieces a cache runs with. */
export interface RedisBackend {
  readonly driver: RedisDriver;
  readonly bus: InvalidationBus;
  /** The command connection (to force a reconnection when the breaker opens, if owned). */
  readonly client: Redis;
  /** Whether the cache opened `client` and may close or reconnect it. */
  readonly ownsClient: boolean;
  /** Whether the cache may force `client` to reconnect (its own, or the application's shared one). */
  readonly mayReconnect: boolean;
}

/**
 * Opens (or adopts, or takes the application's shared) command connection, a dedicated subscriber
 * connection, and wires them.
 */
export function createRedisBackend(
  options: ResolvedCacheOptions & { readonly redis: string | Redis },
  handlers: Pick<InvalidationBusOptions, 'onInvalidation' | 'onLost' | 'onResync'>,
): RedisBackend {
  const { redis, sharedRedis } = options;
  const ownsClient = typeof redis === 'string' && !sharedRedis;
  const client =
    typeof redis !== 'string'
      ? redis
      : sharedRedis
        ? sharedCacheConnection(redis)
        : createCacheRedisClient(redis);
  const subscriber = client.duplicate({
    autoResubscribe: false,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  const driver = new RedisDriver({ client, timeoutMs: options.timeoutMs, ownsClient });
  const bus = new InvalidationBus({
    publisher: client,
    subscriber,
    channel: options.channel,
    instanceId: options.instanceId,
    timeoutMs: options.timeoutMs,
    heartbeatMs: options.heartbeatMs,
    ...handlers,
  });
  return { driver, bus, client, ownsClient, mayReconnect: ownsClient || sharedRedis };
}
