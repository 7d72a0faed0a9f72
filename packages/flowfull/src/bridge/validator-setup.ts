/**
 * @module Resolves the options of a BridgeValidator once: durations checked and in ms, the
 * Flowless client, the validation modes, the Redis connection and the two-level session cache.
 */
import type { Redis } from 'ioredis';
import { HybridCache } from '../cache/hybrid-cache.js';
import { createCacheRedisClient } from '../cache/index.js';
import { defaultOf } from '../config/env-variable.js';
import { flowfullVariables, MAX_NEGATIVE_CACHE_TTL_MS } from '../config/variables.js';
import { type Logger, silentLogger } from '../logger.js';
import { ValidationMode } from '../validation/validation-mode.js';
import type {
  BridgeValidatorOptions,
  RevocationFeedSettings,
  RevocationSourceKind,
} from './bridge-validator-options.js';
import { errorFields } from './error-fields.js';
import { FlowlessClient } from './flowless-client.js';
import { REVOCATION_CHANNEL, type RevocationMessage } from './revocation.js';
import { REVOCATION_FEED_PATH, RevocationFeedClient } from './revocation-feed-client.js';
import type { RevocationSource, RevocationSourceEvents } from './revocation-source.js';
import { RevocationSubscriber } from './revocation-subscriber.js';
import { type CachedValidation, ValidationCache, type ValidationStore } from './validation-cache.js';

/** The resolved parts of a validator. */
export interface ValidatorSetup {
  readonly now: () => number;
  readonly logger: Pick<Logger, 'warn' | 'error'>;
  readonly ttlMs: number;
  readonly negativeTtlMs: number;
  readonly graceMs: number;
  readonly channel: string;
  readonly client: FlowlessClient;
  readonly modes: ValidationMode;
  readonly redis: Redis | null;
  /** Where revocations come from, resolved from `revocationSource` (`null`: off). */
  readonly revocationSource: 'redis' | 'feed' | null;
  /** The feed's settings, its URL resolved, and the bridge secret it is read with. */
  readonly feed: RevocationFeedSettings & { readonly url: string; readonly secret: string };
  /** Whether the validator opened `redis` (from a URL) and must close it. */
  readonly ownsRedis: boolean;
  /** The shared store the validator opened itself (none when one was given), to close with it. */
  readonly ownedStore: HybridCache<CachedValidation> | null;
  readonly cache: ValidationCache;
}

/**
 * Resolves `options`; throws a `TypeError` naming a bad option.
 */
export function setUpValidator(options: BridgeValidatorOptions): ValidatorSetup {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const ttlMs =
    options.cacheTtl === undefined
      ? defaultOf(flowfullVariables.CACHE_TTL)
      : nonNegative('cacheTtl', options.cacheTtl) * 1000;
  const negativeTtlMs = Math.min(
    nonNegative(
      'negativeCacheTtl',
      options.negativeCacheTtl ?? defaultOf(flowfullVariables.BRIDGE_NEGATIVE_CACHE_TTL_MS),
    ),
    MAX_NEGATIVE_CACHE_TTL_MS,
  );
  const graceMs = nonNegative(
    'gracePeriod',
    options.gracePeriod ?? defaultOf(flowfullVariables.BRIDGE_GRACE_PERIOD_MS),
  );
  const client = new FlowlessClient({
    flowlessApiUrl: options.flowlessApiUrl,
    validationSecret: options.validationSecret,
    ...pick(options, ['timeout', 'retryAttempts', 'deadline', 'breaker', 'fetch', 'transport', 'now']),
  });
  const modes =
    options.validationMode instanceof ValidationMode
      ? options.validationMode
      : new ValidationMode({ logger, ...options.validationMode });
  const given = options.redis ?? null;
  const redis = typeof given === 'string' ? createCacheRedisClient(given) : given;
  const revocationSource = resolveSource(
    options.revocationSource ?? defaultOf(flowfullVariables.BRIDGE_REVOCATION_SOURCE),
    redis !== null,
  );
  const keyPrefix = options.keyPrefix ?? 'flowfull:bridge';
  const maxSize = options.maxSize ?? 10_000;
  // Without an explicit store, instances share validations through a HybridCache on the same Redis
  // (`cache: null` keeps them in this process, while revocations still come over Redis).
  const store: ValidationStore =
    options.cache ??
    new HybridCache<CachedValidation>({
      cacheType: 'bridgeSession',
      ttl: Math.max(1, ttlMs / 1000),
      maxSize,
      keyPrefix: `${keyPrefix}:session:`,
      redis: options.cache === null ? null : redis,
      jitter: 0,
      now,
    });
  const ownedStore = store instanceof HybridCache && store !== options.cache ? store : null;
  const cache = new ValidationCache({
    store,
    indexSize: maxSize,
    negativeSize: options.negativeCacheSize ?? 10_000,
    userIndex: redis === null ? null : { redis, keyPrefix },
    now,
    onStoreError: (error) => logger.warn({ err: errorFields(error) }, 'bridge session cache store failed'),
  });
  return {
    now,
    logger,
    ttlMs,
    negativeTtlMs,
    graceMs,
    channel: options.revocationChannel ?? REVOCATION_CHANNEL,
    client,
    modes,
    redis,
    revocationSource,
    feed: {
      ...options.revocationFeed,
      secret: options.validationSecret,
      url:
        options.revocationFeed?.url ?? `${options.flowlessApiUrl.replace(/\/+$/, '')}${REVOCATION_FEED_PATH}`,
    },
    ownsRedis: typeof given === 'string',
    ownedStore,
    cache,
  };
}

function resolveSource(kind: RevocationSourceKind, hasRedis: boolean): 'redis' | 'feed' | null {
  if (kind === 'off') return null;
  if (kind === 'auto') return hasRedis ? 'redis' : 'feed';
  if (kind === 'redis' && !hasRedis)
    throw new TypeError('BridgeValidator: option "revocationSource" is "redis" but no "redis" was given');
  if (kind !== 'redis' && kind !== 'feed')
    throw new TypeError('BridgeValidator: option "revocationSource" must be auto, redis, feed or off');
  return kind;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`BridgeValidator: option "${name}" must be a number >= 0`);
  return value;
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/**
 * Opens the revocation source the setup names (Redis pub/sub or the Flowless feed), telling
 * `events`; null when there is none.
 */
export function openRevocationSource(
  setup: ValidatorSetup,
  events: RevocationSourceEvents,
): RevocationSource | null {
  if (setup.revocationSource === 'redis' && setup.redis !== null) {
    return new RevocationSubscriber({
      redis: setup.redis,
      channel: setup.channel,
      logger: setup.logger,
      ...events,
    });
  }
  if (setup.revocationSource === 'feed') {
    return new RevocationFeedClient({
      ...setup.feed,
      logger: setup.logger,
      ...events,
    });
  }
  return null;
}

/**
 * Calls the application's `onRevocation` hook, if any; a failure is logged, never thrown.
 */
export async function notifyRevocation(
  hook: BridgeValidatorOptions['onRevocation'],
  logger: Pick<Logger, 'warn' | 'error'>,
  message: RevocationMessage,
): Promise<void> {
  if (hook === undefined) return;
  try {
    await hook(message);
  } catch (error) {
    logger.error({ ...errorFields(error), type: message.type }, 'onRevocation failed');
  }
}
