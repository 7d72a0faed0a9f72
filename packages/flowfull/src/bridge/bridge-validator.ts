/**
 * @module BridgeValidator: validates session ids against Flowless, cache-first, with in-flight
 * de-duplication, a negative cache, a grace window for outages, revocation over Redis and
 * validation modes applied to every request.
 */
import type { Redis } from 'ioredis';
import { HybridCache } from '../cache/hybrid-cache.js';
import { createCacheRedisClient } from '../cache/index.js';
import { ValidationMode } from '../validation/validation-mode.js';
import type { BridgeValidatorOptions } from './bridge-validator-options.js';
import { BridgeError } from './errors.js';
import { FlightRegistry, type FlightState, isRevoked } from './flight-registry.js';
import { FlowlessClient } from './flowless-client.js';
import type { FlowlessVerdict } from './flowless-response.js';
import { type BridgeLogger, errorFields, silentLogger } from './logger.js';
import { publishRevocation, REVOCATION_CHANNEL, type RevocationMessage } from './revocation.js';
import { RevocationSubscriber } from './revocation-subscriber.js';
import { type CachedValidation, SessionCache } from './session-cache.js';
import { hashSessionId, isWellFormedSessionId } from './session-id.js';
import {
  type BridgeSession,
  type RequestContext,
  type SessionFailureCode,
  type SessionValidationResult,
  sessionFailure,
} from './types.js';
import { type BridgeValidatorMetrics, ValidatorCounters } from './validator-metrics.js';

export type { BridgeValidatorOptions } from './bridge-validator-options.js';

const MAX_NEGATIVE_TTL_MS = 60_000;

/**
 * Validates Flowless session ids for Flowfull.
 *
 * @example
 * ```ts
 * const bridgeValidator = new BridgeValidator({
 *   flowlessApiUrl: 'http://localhost:3000',
 *   validationSecret: 'your-secret-key',
 *   timeout: 5000,
 *   retryAttempts: 3,
 * });
 * const result = await bridgeValidator.validateSession(sessionId);
 * if (result.success) console.log(result.session.user_id);
 * ```
 */
export class BridgeValidator {
  readonly #client: FlowlessClient;
  readonly #cache: SessionCache;
  readonly #modes: ValidationMode;
  readonly #now: () => number;
  readonly #logger: BridgeLogger;
  readonly #ttlMs: number;
  readonly #negativeTtlMs: number;
  readonly #graceMs: number;
  readonly #channel: string;
  readonly #flights = new FlightRegistry();
  readonly #redis: Redis | null;
  readonly #ownsRedis: boolean;
  readonly #ownedStore: HybridCache<CachedValidation> | null;
  readonly #subscriber: RevocationSubscriber | null;
  readonly #counters = new ValidatorCounters();

  constructor(options: BridgeValidatorOptions) {
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? silentLogger;
    this.#ttlMs = nonNegative('cacheTtl', options.cacheTtl ?? 300) * 1000;
    this.#negativeTtlMs = Math.min(
      nonNegative('negativeCacheTtl', options.negativeCacheTtl ?? 5000),
      MAX_NEGATIVE_TTL_MS,
    );
    this.#graceMs = nonNegative('gracePeriod', options.gracePeriod ?? 0);
    this.#channel = options.revocationChannel ?? REVOCATION_CHANNEL;
    this.#client = new FlowlessClient({
      flowlessApiUrl: options.flowlessApiUrl,
      validationSecret: options.validationSecret,
      ...pick(options, ['timeout', 'retryAttempts', 'deadline', 'breaker', 'fetch', 'transport', 'now']),
    });
    this.#modes =
      options.validationMode instanceof ValidationMode
        ? options.validationMode
        : new ValidationMode({ logger: this.#logger, ...options.validationMode });
    const redis = options.redis ?? null;
    this.#ownsRedis = typeof redis === 'string';
    this.#redis = typeof redis === 'string' ? createCacheRedisClient(redis) : redis;
    const keyPrefix = options.keyPrefix ?? 'flowfull:bridge';
    const maxSize = options.maxSize ?? 10_000;
    // Without an explicit store, instances share validations through a HybridCache on the same Redis.
    this.#ownedStore =
      options.cache === undefined && this.#redis !== null
        ? new HybridCache<CachedValidation>({
            cacheType: 'bridgeSession',
            ttl: Math.max(1, this.#ttlMs / 1000),
            maxSize,
            keyPrefix: `${keyPrefix}:session:`,
            redis: this.#redis,
            jitter: 0,
          })
        : null;
    this.#cache = new SessionCache({
      store: options.cache ?? this.#ownedStore,
      hotSize: maxSize,
      negativeSize: options.negativeCacheSize ?? 10_000,
      userIndex: this.#redis === null ? null : { redis: this.#redis, keyPrefix },
      now: this.#now,
      onStoreError: (error) =>
        this.#logger.warn({ err: errorFields(error) }, 'bridge session cache store failed'),
    });
    this.#subscriber =
      this.#redis === null
        ? null
        : new RevocationSubscriber({
            redis: this.#redis,
            channel: this.#channel,
            logger: this.#logger,
            onRevocation: (message) => {
              this.#counters.revocationsReceived++;
              void this.applyRevocation(message);
            },
            onResync: () => {
              this.#counters.resyncs++;
              this.#cache.clearLocal();
            },
          });
  }

  /**
   * Resolves true once the revocation subscription (and the shared store this validator opened)
   * is up, at once without Redis; false when `timeoutMs` passes first. Never rejects: while Redis
   * is down the subscriber keeps reconnecting and logs the fault.
   */
  async ready(timeoutMs = 2000): Promise<boolean> {
    if (this.#subscriber === null) return true;
    const [subscribed, store] = await Promise.all([
      this.#subscriber.ready(timeoutMs),
      this.#ownedStore?.ready(timeoutMs) ?? true,
    ]);
    return subscribed && store;
  }

  /** The validation modes in force. */
  get validationMode(): ValidationMode {
    return this.#modes;
  }

  /**
   * Validates a session id, cache-first. Resolves to `{ success: true, session }` or
   * `{ success: false, error, code }`; never rejects for an expected outcome. With `context`,
   * validation modes compare it with the session's recorded fingerprint.
   */
  async validateSession(
    sessionId: string | null | undefined,
    context?: RequestContext,
  ): Promise<SessionValidationResult> {
    return this.resolveSession(sessionId, context);
  }

  /**
   * {@link validateSession} answering synchronously when this process can (an id cached here, a
   * rejection remembered, a malformed id), so the warm path of the auth middleware awaits nothing;
   * a promise otherwise.
   *
   * @example
   * ```ts
   * const pending = validator.resolveSession(sessionId, context);
   * const result = pending instanceof Promise ? await pending : pending;
   * ```
   */
  resolveSession(
    sessionId: string | null | undefined,
    context?: RequestContext,
  ): SessionValidationResult | Promise<SessionValidationResult> {
    const counters = this.#counters;
    if (typeof sessionId !== 'string' || sessionId === '')
      return counters.record(sessionFailure('SESSION_MISSING'));
    if (!isWellFormedSessionId(sessionId)) return counters.record(sessionFailure('SESSION_MALFORMED'));
    const hash = hashSessionId(sessionId);
    const hot = this.#cache.peek(hash);
    if (hot !== undefined && this.#now() < hot.freshUntil) {
      counters.sources.localHits++;
      return this.#check(sessionId, hot.session, context);
    }
    const rejected = this.#cache.rejected(hash);
    if (rejected !== undefined) {
      counters.sources.negativeHits++;
      return counters.record(sessionFailure(rejected));
    }
    return this.#validateCold(sessionId, context, hash, hot);
  }

  async #validateCold(
    sessionId: string,
    context: RequestContext | undefined,
    hash: string,
    hot: CachedValidation | undefined,
  ): Promise<SessionValidationResult> {
    const counters = this.#counters;
    const cached = hot ?? (await this.#cache.lookup(hash));
    if (cached !== undefined && this.#now() < cached.freshUntil) {
      counters.sources.sharedHits++;
      return this.#check(sessionId, cached.session, context);
    }
    if (this.#flights.has(hash)) counters.sources.coalesced++;
    const result = await this.#flights.run(hash, (state) =>
      this.#ask(sessionId, context, hash, cached, state),
    );
    return result.success
      ? this.#check(sessionId, result.session, context, result.stale)
      : counters.record(result);
  }

  /**
   * A snapshot of the validator's figures: outcomes, violations, where answers came from, the
   * Flowless breaker's state, validations in flight and the revocation subscription.
   *
   * @example
   * ```ts
   * const { outcomes, breaker } = validator.metrics(); // outcomes.valid, 'closed'
   * ```
   */
  metrics(): BridgeValidatorMetrics {
    const counters = this.#counters;
    return {
      outcomes: { ...counters.outcomes },
      violations: { ...counters.violations },
      sources: { ...counters.sources },
      breaker: this.#client.breaker.state,
      inFlight: this.#flights.size,
      revocations: {
        subscribed: this.#subscriber === null ? null : this.#subscriber.subscribed,
        received: counters.revocationsReceived,
        resyncs: counters.resyncs,
      },
    };
  }

  /**
   * Ends a session: asks Flowless to invalidate it, drops it here and publishes a revocation so
   * every instance drops it. Rejects with a {@link BridgeError} when Flowless cannot be reached
   * (the local entry is dropped anyway).
   */
  async invalidateSession(sessionId: string): Promise<void> {
    const hash = hashSessionId(sessionId);
    const message: RevocationMessage = { type: 'session.revoked', session_hash: hash };
    await this.applyRevocation(message);
    try {
      await this.#client.invalidate(sessionId);
    } finally {
      if (this.#redis !== null) await publishRevocation(this.#redis, message, this.#channel).catch(() => 0);
    }
  }

  /** Drops the cache entries a revocation names; in-flight validations of them are not cached. */
  async applyRevocation(message: RevocationMessage): Promise<void> {
    if (message.type === 'session.revoked') {
      this.#flights.revokeSession(message.session_hash);
      await this.#cache.drop(message.session_hash);
    } else {
      this.#flights.revokeUser(message.user_id);
      await this.#cache.dropUser(message.user_id);
    }
  }

  /** Resolves once the cache writes started so far are done (for tests and graceful shutdown). */
  idle(): Promise<void> {
    return this.#flights.idle();
  }

  /** Stops the revocation subscription and closes the Redis connection this validator opened. */
  async close(): Promise<void> {
    await this.idle();
    await this.#subscriber?.close();
    this.#client.close();
    await this.#ownedStore?.close();
    if (this.#ownsRedis) this.#redis?.disconnect();
  }

  async #ask(
    sessionId: string,
    context: RequestContext | undefined,
    hash: string,
    stale: CachedValidation | undefined,
    flight: FlightState,
  ): Promise<SessionValidationResult> {
    let verdict: FlowlessVerdict;
    this.#counters.sources.flowlessCalls++;
    try {
      verdict = await this.#client.validate(sessionId, context);
    } catch (error) {
      return this.#unavailable(error, stale);
    }
    if (verdict.kind !== 'valid') {
      const code: SessionFailureCode =
        verdict.kind === 'invalid' && verdict.expired ? 'SESSION_EXPIRED' : 'SESSION_INVALID';
      if (stale !== undefined) await this.#cache.drop(hash);
      this.#cache.reject(hash, code, this.#negativeTtlMs);
      return sessionFailure(code);
    }
    const { session } = verdict;
    const now = this.#now();
    const expiresAt = session.expires_at === null ? Number.POSITIVE_INFINITY : Date.parse(session.expires_at);
    const revoked = (): boolean => isRevoked(flight, session.user_id);
    if (expiresAt <= now || revoked()) {
      const code: SessionFailureCode = expiresAt <= now ? 'SESSION_EXPIRED' : 'SESSION_INVALID';
      if (code === 'SESSION_EXPIRED') this.#cache.reject(hash, code, this.#negativeTtlMs);
      return sessionFailure(code);
    }
    const freshUntil = Math.min(now + this.#ttlMs, expiresAt);
    const entry: CachedValidation = {
      session,
      freshUntil,
      staleUntil: Math.min(freshUntil + this.#graceMs, expiresAt),
    };
    this.#cache.remember(hash, entry);
    // The shared store is written after answering; the registry keeps the flight markable until
    // the write settles, so a revocation arriving meanwhile drops the entry again.
    const write = this.#cache.persist(hash, entry).then(async () => {
      if (revoked()) await this.#cache.drop(hash);
    });
    this.#flights.trackWrite(hash, flight, write);
    return { success: true, session };
  }

  #unavailable(error: unknown, stale: CachedValidation | undefined): SessionValidationResult {
    const fields = { err: errorFields(error) };
    if (stale !== undefined && this.#now() < stale.staleUntil) {
      this.#logger.warn(
        { ...fields, user_id: stale.session.user_id },
        'Flowless unavailable; serving a session within its grace period',
      );
      return { success: true, session: stale.session, stale: true };
    }
    this.#logger.error(fields, 'Flowless unavailable; session could not be validated');
    return sessionFailure('AUTH_UNAVAILABLE');
  }

  // Synchronous unless the session must be invalidated, to keep the warm path free of extra awaits.
  #check(
    sessionId: string,
    session: BridgeSession,
    context: RequestContext | undefined,
    stale?: boolean,
  ): SessionValidationResult | Promise<SessionValidationResult> {
    const counters = this.#counters;
    // The common case (nothing changed) is decided without building the comparison objects.
    if (context === undefined || this.#modes.passes(context, session))
      return counters.record(stale ? { success: true, session, stale } : { success: true, session });
    const verdict = this.#modes.validateSession(
      {
        currentIP: context.ip,
        sessionIP: session.ip_address,
        currentUserAgent: context.user_agent,
        sessionUserAgent: session.user_agent,
        currentDeviceId: context.device_id,
        sessionDeviceId: session.device_id,
      },
      { user_id: session.user_id },
    );
    if (verdict.action === 'allow')
      return counters.record(stale ? { success: true, session, stale } : { success: true, session });
    if (verdict.action === 'warn') {
      counters.recordViolations(verdict.violations);
      return counters.record({ success: true, session, action: 'warn' });
    }
    const failure = counters.record(sessionFailure('SESSION_VIOLATION', verdict.violations));
    if (verdict.action !== 'invalidate') return failure;
    return this.invalidateSession(sessionId).then(
      () => failure,
      (error: unknown) => {
        this.#logger.error(
          { err: errorFields(error), user_id: session.user_id },
          'could not invalidate a session after a violation',
        );
        return failure;
      },
    );
  }
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
