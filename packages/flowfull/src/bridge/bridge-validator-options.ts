/**
 * @module The options of {@link BridgeValidator}, one per `BRIDGE_*`/`CACHE_*` setting plus the
 * injected clock, fetch and logger.
 */
import type { Redis } from 'ioredis';
import type { CircuitBreakerOptions } from '../resilience/circuit-breaker.js';
import type { ValidationMode, ValidationModeOptions } from '../validation/validation-mode.js';
import type { BridgeTransport } from './bridge-transport.js';
import type { BridgeLogger } from './logger.js';
import type { RevocationMessage } from './revocation.js';
import type { RevocationFeedClientOptions } from './revocation-feed-client.js';
import type { SessionStore } from './session-cache.js';

/** Values of the `revocationSource` option. */
export type RevocationSourceKind = 'auto' | 'redis' | 'feed' | 'off';

/** Settings of the feed subscription. */
export type RevocationFeedSettings = Partial<
  Pick<RevocationFeedClientOptions, 'url' | 'initialBackoffMs' | 'maxBackoffMs' | 'idleTimeoutMs'>
>;

/** Options of `BridgeValidator`. */
export interface BridgeValidatorOptions {
  /** Base URL of Flowless (`FLOWLESS_API_URL`). */
  flowlessApiUrl: string;
  /** Shared secret sent as `X-Bridge-Secret` (`BRIDGE_VALIDATION_SECRET`). */
  validationSecret: string;
  /** Timeout of one attempt in ms (`BRIDGE_TIMEOUT_MS`). @default 5000 */
  timeout?: number;
  /** Retries after the first attempt, on network errors and 5xx only (`BRIDGE_RETRY_ATTEMPTS`). @default 3 */
  retryAttempts?: number;
  /** Overall deadline of one validation, retries included, in ms. @default 2 × timeout */
  deadline?: number;
  /** Longest time a validation is cached, in seconds (`CACHE_TTL`); never past the session's expiry. @default 300 */
  cacheTtl?: number;
  /** How long a rejected id is remembered, in ms, at most 60000 (`BRIDGE_NEGATIVE_CACHE_TTL_MS`). @default 5000 */
  negativeCacheTtl?: number;
  /** How long after its TTL a validated session is still served while Flowless cannot answer, in ms (`BRIDGE_GRACE_PERIOD_MS`). @default 0 (off) */
  gracePeriod?: number;
  /** Shared store (a `HybridCache<CachedValidation>`) so instances share validations; `null` keeps them in-process. @default null */
  cache?: SessionStore | null;
  /** Redis (URL or ioredis client) for revocations and the per-user index (`REDIS_URL`). @default null */
  redis?: string | Redis | null;
  /** Redis channel of revocations. @default 'flowless:revocations' */
  revocationChannel?: string;
  /**
   * Where revocations come from (`BRIDGE_REVOCATION_SOURCE`): `redis` (the channel), `feed`
   * (Flowless's `GET /auth/bridge/revocations` event stream), `off`, or `auto`: Redis when `redis`
   * is given, else the feed. @default 'auto'
   */
  revocationSource?: RevocationSourceKind;
  /**
   * Called with every revocation heard from the revocation source (after the cache entries it names
   * are dropped), so an application can end state of its own tied to Flowless sessions. It must not
   * throw; a rejected promise is logged. @default none
   */
  onRevocation?: (message: RevocationMessage) => void | Promise<void>;
  /** Tuning of the feed subscription. @default the feed at `${flowlessApiUrl}/auth/bridge/revocations`, backoff 250 ms doubling to 10 s, 45 s idle timeout */
  revocationFeed?: RevocationFeedSettings;
  /** Redis key prefix of the per-user index. @default 'flowfull:bridge' */
  keyPrefix?: string;
  /** Validation modes applied when a request context is given. @default ADVANCED with every check on */
  validationMode?: ValidationMode | ValidationModeOptions;
  /** Entries in the in-process LRU. @default 10000 */
  maxSize?: number;
  /** Entries in the negative cache. @default 10000 */
  negativeCacheSize?: number;
  /**
   * Circuit breaker options (`flowfull/cache`'s `CircuitBreakerOptions`).
   * @default opens after 5 failures; waits 500 ms before the first probe, doubling after each failed probe up to 10 s (`maxOpenDurationMs`), less up to 10% jitter
   */
  breaker?: CircuitBreakerOptions;
  /** A fetch implementation to call Flowless through (tests, other runtimes). @default none: `node:http` with keep-alive */
  fetch?: typeof fetch;
  /** How calls to Flowless travel; wins over `fetch`. @default `nodeHttpTransport()` */
  transport?: BridgeTransport;
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** Structured logger (pino works). @default silent */
  logger?: BridgeLogger;
}
