/**
 * @module The cold path of validation: asks Flowless about a session that is not fresh in the
 * cache, caches the answer (a validation until its TTL, never past the session's expiry; a
 * rejection briefly), asks again when a revocation overtook the answer, and, when Flowless cannot
 * answer, serves a session within its grace window.
 */

import type { Logger } from '../logger.js';
import { errorFields } from './error-fields.js';
import type { FlightRegistry, FlightState } from './flight-registry.js';
import { isRevoked } from './flight-registry.js';
import type { FlowlessClient } from './flowless-client.js';
import type { FlowlessVerdict } from './flowless-response.js';
import {
  type RequestContext,
  type SessionFailureCode,
  type SessionValidationResult,
  sessionFailure,
} from './types.js';
import type { CachedValidation, ValidationCache } from './validation-cache.js';
import type { ValidatorCounters } from './validator-metrics.js';

/** What a {@link SessionRefresher} works with, all resolved by the validator. */
export interface SessionRefresherParts {
  readonly client: FlowlessClient;
  readonly cache: ValidationCache;
  readonly flights: FlightRegistry;
  readonly counters: ValidatorCounters;
  readonly now: () => number;
  readonly logger: Pick<Logger, 'warn' | 'error'>;
  /** Longest time a validation is cached, in ms. */
  readonly ttlMs: number;
  /** How long a rejection is remembered, in ms. */
  readonly negativeTtlMs: number;
  /** How long past its TTL an entry may be served while Flowless cannot answer, in ms. */
  readonly graceMs: number;
}

/** The answer of an ask that a revocation overtook. */
const OVERTAKEN = Symbol('overtaken');

/** How many times Flowless is asked again after revocations overtook its answer. */
const MAX_REASKS = 2;

/**
 * Asks Flowless and caches what it says.
 */
export class SessionRefresher {
  readonly #p: SessionRefresherParts;

  constructor(parts: SessionRefresherParts) {
    this.#p = parts;
  }

  /**
   * Validates `sessionId` with Flowless; `stale` is the expired cache entry, if any. An answer
   * overtaken by a revocation naming the session or its user is not served: the revocation may
   * only have announced changed sessions (a factor added, a role changed), so Flowless is asked
   * again, and its later answer decides. A revocation that keeps overtaking the answer refuses.
   */
  async refresh(
    sessionId: string,
    context: RequestContext | undefined,
    hash: string,
    stale: CachedValidation | undefined,
    flight: FlightState,
  ): Promise<SessionValidationResult> {
    for (let asked = 1; ; asked++) {
      const result = await this.#ask(sessionId, context, hash, stale, flight);
      if (result !== OVERTAKEN) return result;
      if (asked > MAX_REASKS) return sessionFailure('SESSION_INVALID');
      flight.revoked = false;
      flight.revokedUsers.clear();
    }
  }

  /** One Flowless validation; {@link OVERTAKEN} when a revocation arrived while it was asked. */
  async #ask(
    sessionId: string,
    context: RequestContext | undefined,
    hash: string,
    stale: CachedValidation | undefined,
    flight: FlightState,
  ): Promise<SessionValidationResult | typeof OVERTAKEN> {
    const p = this.#p;
    let verdict: FlowlessVerdict;
    p.counters.sources.flowlessCalls++;
    // What Flowless says holds from when it was asked: a revocation feed lost during the call
    // must make this entry count as older than the loss.
    const askedAt = p.now();
    try {
      verdict = await p.client.validate(sessionId, context);
    } catch (error) {
      return this.#unavailable(error, stale);
    }
    if (verdict.kind !== 'valid') {
      const code: SessionFailureCode =
        verdict.kind === 'invalid' && verdict.expired ? 'SESSION_EXPIRED' : 'SESSION_INVALID';
      if (stale !== undefined) await p.cache.drop(hash);
      p.cache.reject(hash, code, p.negativeTtlMs);
      return sessionFailure(code);
    }
    const { session } = verdict;
    const now = p.now();
    const expiresAt = session.expires_at === null ? Number.POSITIVE_INFINITY : Date.parse(session.expires_at);
    if (expiresAt <= now) {
      p.cache.reject(hash, 'SESSION_EXPIRED', p.negativeTtlMs);
      return sessionFailure('SESSION_EXPIRED');
    }
    const revoked = (): boolean => isRevoked(flight, session.user_id);
    if (revoked()) return OVERTAKEN;
    const freshUntil = Math.min(now + p.ttlMs, expiresAt);
    const entry: CachedValidation = {
      session,
      validatedAt: askedAt,
      freshUntil,
      staleUntil: Math.min(freshUntil + p.graceMs, expiresAt),
    };
    // This process has the entry at once; the shared tier is written after answering. The registry
    // keeps the flight markable until the write settles, so a revocation arriving meanwhile drops
    // the entry again.
    const write = p.cache.remember(hash, entry).then(async () => {
      if (revoked()) await p.cache.drop(hash);
    });
    p.flights.trackWrite(hash, flight, write);
    return { success: true, session };
  }

  #unavailable(error: unknown, stale: CachedValidation | undefined): SessionValidationResult {
    const fields = { err: errorFields(error) };
    if (stale !== undefined && this.#p.now() < stale.staleUntil) {
      this.#p.logger.warn(
        { ...fields, user_id: stale.session.user_id },
        'Flowless unavailable; serving a session within its grace period',
      );
      return { success: true, session: stale.session, stale: true };
    }
    this.#p.logger.error(fields, 'Flowless unavailable; session could not be validated');
    return sessionFailure('AUTH_UNAVAILABLE');
  }
}
