/**
 * @module The ioredis connections the cache opens itself, tuned for a cache: fail fast instead of
 * queueing, reconnect quickly.
 */
import { Redis } from 'ioredis';

/** The connection options the cache uses when it is given a URL. */
export interface RedisConnectionOptions {
  /**
   * Time to establish a connection, in ms.
   * @default 1000
   */
  connectTimeoutMs?: number;
  /**
   * Longest wait between reconnection attempts, in ms (backoff grows 100 ms per attempt up to it).
   * @default 1000
   */
  maxReconnectDelayMs?: number;
}

/**
 * Opens an ioredis client for a cache: no offline queue (a call while disconnected fails at once
 * instead of piling up), one retry per request, reconnection backoff capped so that the cache
 * is back within seconds of Redis.
 *
 * @example
 * ```ts
 * const client = createCacheRedisClient('redis://127.0.0.1:6379');
 * ```
 */
export function createCacheRedisClient(url: string, options: RedisConnectionOptions = {}): Redis {
  const maxDelay = options.maxReconnectDelayMs ?? 1000;
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectTimeoutMs ?? 1000,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, maxDelay),
    // Without this, a stalled reconnect would wait for the ready check forever.
    enableReadyCheck: true,
  });
  // Connection errors are expected during an outage; the cache counts faults where calls fail.
  client.on('error', () => undefined);
  return client;
}
