/**
 * @module BridgeValidator: validates session ids against Flowless, cache-first, with in-flight
 * de-duplication, a negative cache, a grace window for outages, revocation over Redis and
 * validation modes applied to every request.
 */
import type { HybridCache } from '../cache/hybrid-cache.js';
import type { ValidationMode } from '../validation/validation-mode.js';
import { isWellFormedApiToken, looksLikeApiToken } from './api-token-shape.js';
import type { BridgeValidatorOptions } from './bridge-validator-options.js';
import type { BridgeError } from './errors.js';
import { FlightRegistry } from './flight-registry.js';
import type { FlowlessClient } from './flowless-client.js';
import { ModeGate } from './mode-gate.js';
import { publishRevocation, type RevocationMessage } from './revocation.js';
import type { RevocationSource, RevocationSourceEvents } from './revocation-source.js';
import type { CachedValidation, SessionCache } from './session-cache.js';
import { hashSessionId, isWellFormedSessionId } from './session-id.js';
import { SessionRefresher } from './session-refresh.js';
import { type RequestContext, type SessionValidationResult, sessionFailure } from './types.js';
import { type BridgeValidatorMetrics, ValidatorCounters } from './validator-metrics.js';
import {
  notifyRevocation,
  openRevocationSource,
  setUpValidator,
  type ValidatorSetup,
} from './validator-setup.js';

export type { BridgeValidatorOptions } from './bridge-validator-options.js';

const isMalformed = (id: string): boolean =>
  !isWellFormedSessionId(id) || (looksLikeApiToken(id) && !isWellFormedApiToken(id));

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
  readonly #setup: ValidatorSetup;
  readonly #client: FlowlessClient;
  readonly #cache: SessionCache;
  readonly #now: () => number;
  readonly #flights = new FlightRegistry();
  readonly #counters = new ValidatorCounters();
  readonly #gate: ModeGate;
  readonly #refresher: SessionRefresher;
  readonly #ownedStore: HybridCache<CachedValidation> | null;
  readonly #source: RevocationSource | null;
  /** While the revocation source is down: cached validations made before this instant are re-checked. */
  #trustedSince = 0;
  readonly #onRevocation: BridgeValidatorOptions['onRevocation'];

  constructor(options: BridgeValidatorOptions) {
    const setup = setUpValidator(options);
    this.#onRevocation = options.onRevocation;
    this.#setup = setup;
    this.#client = setup.client;
    this.#cache = setup.cache;
    this.#now = setup.now;
    this.#ownedStore = setup.ownedStore;
    const counters = this.#counters;
    this.#gate = new ModeGate({
      modes: setup.modes,
      counters,
      logger: setup.logger,
      invalidate: (sessionId) => this.invalidateSession(sessionId),
    });
    this.#refresher = new SessionRefresher({ ...setup, flights: this.#flights, counters });
    this.#source = this.#openSource(setup);
  }

  /**
   * Resolves true once the revocation subscription (and the shared store this validator opened)
   * is up, at once without Redis; false when `timeoutMs` passes first. Never rejects: while Redis
   * is down the subscriber keeps reconnecting and logs the fault.
   */
  async ready(timeoutMs = 2000): Promise<boolean> {
    if (this.#source === null) return true;
    const [subscribed, store] = await Promise.all([
      this.#source.ready(timeoutMs),
      this.#ownedStore?.ready(timeoutMs) ?? true,
    ]);
    return subscribed && store;
  }

  /** The validation modes in force. */
  get validationMode(): ValidationMode {
    return this.#setup.modes;
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
    if (isMalformed(sessionId)) return counters.record(sessionFailure('SESSION_MALFORMED'));
    const hash = hashSessionId(sessionId);
    const hot = this.#cache.peek(hash);
    if (hot !== undefined && this.#now() < hot.freshUntil && this.#trusted(hot)) {
      counters.sources.localHits++;
      return this.#gate.admit(sessionId, hot.session, context);
    }
    const rejected = this.#cache.rejected(hash);
    if (rejected !== undefined) {
      counters.sources.negativeHits++;
      return counters.record(sessionFailure(rejected));
    }
    return this.#validateCold(sessionId, context, hash, hot);
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
    return this.#counters.snapshot({
      breaker: this.#client.breaker.state,
      inFlight: this.#flights.size,
      source: this.#setup.revocationSource,
      subscribed: this.#source === null ? null : this.#source.subscribed,
    });
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
      const { redis, channel } = this.#setup;
      if (redis !== null) await publishRevocation(redis, message, channel).catch(() => 0);
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

  /** Stops the revocation subscription and closes the connections this validator opened. */
  async close(): Promise<void> {
    await this.idle();
    await this.#source?.close();
    this.#client.close();
    await this.#ownedStore?.close();
    if (this.#setup.ownsRedis) this.#setup.redis?.disconnect();
  }

  async #validateCold(
    sessionId: string,
    context: RequestContext | undefined,
    hash: string,
    hot: CachedValidation | undefined,
  ): Promise<SessionValidationResult> {
    const counters = this.#counters;
    const cached = hot ?? (await this.#cache.lookup(hash));
    if (cached !== undefined && this.#now() < cached.freshUntil && this.#trusted(cached)) {
      counters.sources.sharedHits++;
      return this.#gate.admit(sessionId, cached.session, context);
    }
    if (this.#flights.has(hash)) counters.sources.coalesced++;
    const result = await this.#flights.run(hash, (flight) =>
      this.#refresher.refresh(sessionId, context, hash, cached, flight),
    );
    return result.success
      ? this.#gate.admit(sessionId, result.session, context, result.stale)
      : counters.record(result);
  }

  #trusted(entry: CachedValidation): boolean {
    return this.#trustedSince === 0 || (entry.validatedAt ?? 0) >= this.#trustedSince;
  }

  #openSource(setup: ValidatorSetup): RevocationSource | null {
    const counters = this.#counters;
    const events: RevocationSourceEvents = {
      onRevocation: (message) => {
        counters.revocationsReceived++;
        void this.applyRevocation(message).then(() =>
          notifyRevocation(this.#onRevocation, setup.logger, message),
        );
      },
      onResync: () => {
        counters.resyncs++;
        setup.cache.clearLocal();
      },
      onConnection: (connected) => {
        this.#trustedSince = connected ? 0 : this.#now();
      },
    };
    return openRevocationSource(setup, events);
  }
}
