/**
 * @module `TokenStateStore` on Redis: `SET NX PX` makes consumption atomic across processes, and the
 * key lapses with the token.
 */
import { assertStoreArguments, type TokenStateStore } from './token-state-store.js';

/** The subset of an ioredis client this adapter uses. */
export interface TokenStateRedisClient {
  /** `SET key value PX ms NX`: `'OK'` when set, `null` when the key already existed. */
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<'OK' | null>;
  /** `SET key value PX ms`. */
  set(key: string, value: string, px: 'PX', milliseconds: number): Promise<'OK'>;
  /** `EXISTS key`: how many of the keys exist. */
  exists(key: string): Promise<number>;
}

/** Options of `createRedisTokenStateStore`. */
export interface RedisTokenStateStoreOptions {
  /** A connected ioredis client (or anything with the same `set`/`exists`). */
  client: TokenStateRedisClient;
  /** Prefix of every key this store writes. @default 'flowfull:token:' */
  prefix?: string;
  /** Shortest lifetime of a record, in ms, even for a token about to expire. @default 1000 */
  minimumTtl?: number;
  /** The clock, in epoch milliseconds, to turn `expiresAt` into a TTL. @default Date.now */
  now?: () => number;
}

/**
 * Creates a `TokenStateStore` on Redis. Consumption is one `SET … PX … NX`, atomic on the server, so
 * exactly one of any number of concurrent consumers, in any number of processes, wins.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const store = createRedisTokenStateStore({ client: new Redis(config.REDIS_URL) });
 * ```
 */
export function createRedisTokenStateStore(options: RedisTokenStateStoreOptions): TokenStateStore {
  const { client, prefix = 'flowfull:token:', minimumTtl = 1000, now = Date.now } = options;
  if (typeof client?.set !== 'function' || typeof client.exists !== 'function') {
    throw new TypeError('createRedisTokenStateStore: options.client must be a Redis client');
  }
  if (!Number.isInteger(minimumTtl) || minimumTtl < 1) {
    throw new TypeError('createRedisTokenStateStore: options.minimumTtl must be a positive integer');
  }
  const ttl = (expiresAt: Date): number => Math.max(minimumTtl, Math.ceil(expiresAt.getTime() - now()));

  return {
    async consume(jti, expiresAt) {
      assertStoreArguments(jti, expiresAt);
      return (await client.set(prefix + jti, 'used', 'PX', ttl(expiresAt), 'NX')) === 'OK';
    },
    async revoke(jti, expiresAt) {
      assertStoreArguments(jti, expiresAt);
      await client.set(prefix + jti, 'revoked', 'PX', ttl(expiresAt));
    },
    async isRevokedOrUsed(jti) {
      assertStoreArguments(jti);
      return (await client.exists(prefix + jti)) > 0;
    },
  };
}
