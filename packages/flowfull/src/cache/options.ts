/**
 * @module Options of HybridCache, and their resolution into one fully-populated object (defaults
 * applied once, every field validated).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { L1Driver, L2Driver } from './drivers/driver.js';
import { CacheOptionError } from './errors.js';
import type { JsonValue } from './json-value.js';

/** The configuration keys the cache reads (a subset of `FlowfullConfig`). */
export interface CacheConfig {
  /** Redis used as L2 and for invalidations; null for memory only. */
  readonly REDIS_URL: string | null;
  /** When false, the cache ignores `REDIS_URL` and stays in memory (unless `redis` is given). */
  readonly CACHE_ENABLED: boolean;
  /** Default time to live, in ms. */
  readonly CACHE_TTL_MS: number;
}

/** Structured logger port (pino-compatible). The cache never logs keys or values. */
export interface CacheLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

/** Options of `new HybridCache()`. */
export interface HybridCacheOptions {
  /**
   * Name of this cache, used in logs, metrics and the default key prefix.
   * @default 'default'
   */
  cacheType?: string;
  /**
   * Time to live of entries, in **seconds**.
   * @default config.CACHE_TTL_MS / 1000, else 300
   */
  ttl?: number;
  /**
   * Maximum number of entries in L1 (per process).
   * @default 10_000
   */
  maxSize?: number;
  /**
   * Namespace of this cache's keys in Redis: the key of `key` is `keyPrefix:key`. A `:` is added
   * when the prefix does not already end with one (`'user_ctx'` and `'user_ctx:'` are the same),
   * so `clear()` of `'p'` never reaches the keys of a cache named `'p2'`. `''` adds nothing.
   * @default `${cacheType}:`
   */
  keyPrefix?: string;
  /**
   * L2: a Redis URL, an ioredis client (not closed by `close()`), or null for memory only.
   * @default config.REDIS_URL when config.CACHE_ENABLED, else null
   */
  redis?: string | Redis | null;
  /**
   * Configuration to take `REDIS_URL`, `CACHE_ENABLED` and `CACHE_TTL_MS` from.
   * @default the one set by `configureCache()`, if any
   */
  config?: CacheConfig;
  /**
   * Upper bound of every Redis call, in ms.
   * @default 50
   */
  timeoutMs?: number;
  /**
   * Relative TTL jitter: each write lives `ttl × (1 ± jitter)`, so that entries written together
   * do not expire together. 0 disables it.
   * @default 0.1
   */
  jitter?: number;
  /**
   * Consecutive Redis faults that open the circuit breaker.
   * @default 5
   */
  breakerThreshold?: number;
  /**
   * How long the breaker stays open before a half-open probe, in ms.
   * @default 1000
   */
  breakerOpenMs?: number;
  /**
   * Pub/sub channel for invalidations; instances of one cache must share it.
   * @default `flowfull:cache:${keyPrefix}`
   */
  channel?: string;
  /**
   * Interval of the subscriber's health check (PING), in ms; a ping unanswered within
   * max(4 × timeoutMs, 500 ms) counts as a lost subscription. While the subscription is lost, L1
   * is flushed and bypassed; a stall is detected within `heartbeatMs + max(4 × timeoutMs, 500 ms)`.
   * @default 1000
   */
  heartbeatMs?: number;
  /**
   * How long a deleted key's tombstone (its bumped generation) lives in Redis, in ms. Loads that
   * take longer than this could write back a value deleted meanwhile.
   * @default max(ttl, 60 s)
   */
  tombstoneTtlMs?: number;
  /**
   * Custom L1 store. It measures expiry on its own clock: give a `MemoryDriver` the same `now`.
   * @default a `MemoryDriver` of `maxSize` entries on `now`
   */
  l1?: L1Driver<JsonValue>;
  /** Custom L2 store (no invalidation bus then). Overrides `redis`. */
  l2?: L2Driver;
  /** Id of this instance on the bus. @default a random UUID */
  instanceId?: string;
  /** Logger. @default no-op */
  logger?: CacheLogger;
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** Random source in [0, 1) for jitter. @default Math.random */
  random?: () => number;
}

/** Options after defaults and validation. */
export interface ResolvedCacheOptions {
  readonly cacheType: string;
  readonly ttlMs: number;
  readonly maxSize: number;
  /** With its separator: every Redis key is `keyPrefix + key`. */
  readonly keyPrefix: string;
  readonly redis: string | Redis | null;
  /** Whether `redis` is the URL of the application configuration (`configureCache`), whose connection is shared. */
  readonly sharedRedis: boolean;
  readonly timeoutMs: number;
  readonly jitter: number;
  readonly breakerThreshold: number;
  readonly breakerOpenMs: number;
  readonly channel: string;
  readonly heartbeatMs: number;
  readonly tombstoneTtlMs: number;
  readonly instanceId: string;
  readonly logger: CacheLogger;
  readonly now: () => number;
  readonly random: () => number;
}

const noop = (): void => undefined;
const NOOP_LOGGER: CacheLogger = { warn: noop, debug: noop };

function check<V>(option: string, value: V, valid: (value: V) => boolean, expected: string): V {
  if (!valid(value)) throw new CacheOptionError(option, expected);
  return value;
}

/** `keyPrefix` as used in Redis keys, SCAN patterns and the default channel: ends with `:` unless empty. */
const withSeparator = (prefix: string): string =>
  prefix === '' || prefix.endsWith(':') ? prefix : `${prefix}:`;

const positiveInt = (value: number): boolean => Number.isSafeInteger(value) && value > 0;
const positive = (value: number): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * Applies defaults and validates; throws CacheOptionError naming the first invalid option.
 * `appConfig` (the one set by `configureCache()`) stands in for `options.config` when it is absent.
 */
export function resolveCacheOptions(
  options: HybridCacheOptions = {},
  appConfig: CacheConfig | null = null,
): ResolvedCacheOptions {
  const config = options.config ?? appConfig ?? undefined;
  const cacheType = check(
    'cacheType',
    options.cacheType ?? 'default',
    (v) => typeof v === 'string' && v !== '',
    'a non-empty string',
  );
  const ttl = check(
    'ttl',
    options.ttl ?? (config ? config.CACHE_TTL_MS / 1000 : 300),
    positive,
    'a positive number of seconds',
  );
  const keyPrefix = withSeparator(
    check('keyPrefix', options.keyPrefix ?? `${cacheType}:`, (v) => typeof v === 'string', 'a string'),
  );
  const redis = options.redis !== undefined ? options.redis : config?.CACHE_ENABLED ? config.REDIS_URL : null;
  check(
    'redis',
    redis,
    (v) => v === null || (typeof v === 'string' ? /^rediss?:\/\//.test(v) : typeof v === 'object'),
    'a redis:// URL, an ioredis client or null',
  );
  const ttlMs = Math.round(ttl * 1000);
  return Object.freeze({
    cacheType,
    ttlMs,
    maxSize: check('maxSize', options.maxSize ?? 10_000, positiveInt, 'a positive integer'),
    keyPrefix,
    redis,
    sharedRedis: typeof redis === 'string' && options.redis === undefined && options.config === undefined,
    timeoutMs: check('timeoutMs', options.timeoutMs ?? 50, positive, 'a positive number of ms'),
    jitter: check(
      'jitter',
      options.jitter ?? 0.1,
      (v) => typeof v === 'number' && v >= 0 && v < 1,
      'a number in [0, 1)',
    ),
    breakerThreshold: check(
      'breakerThreshold',
      options.breakerThreshold ?? 5,
      positiveInt,
      'a positive integer',
    ),
    breakerOpenMs: check('breakerOpenMs', options.breakerOpenMs ?? 1000, positive, 'a positive number of ms'),
    channel: check(
      'channel',
      options.channel ?? `flowfull:cache:${keyPrefix}`,
      (v) => typeof v === 'string' && v !== '',
      'a non-empty string',
    ),
    heartbeatMs: check('heartbeatMs', options.heartbeatMs ?? 1000, positive, 'a positive number of ms'),
    tombstoneTtlMs: check(
      'tombstoneTtlMs',
      options.tombstoneTtlMs ?? Math.max(ttlMs, 60_000),
      positive,
      'a positive number of ms',
    ),
    instanceId: options.instanceId ?? randomUUID(),
    logger: options.logger ?? NOOP_LOGGER,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  });
}
