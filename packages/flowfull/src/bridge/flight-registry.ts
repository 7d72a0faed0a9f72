/**
 * @module In-flight bookkeeping of the validator: concurrent validations of one session share one
 * Flowless call, and revocations that arrive while a call or the following cache write is in
 * progress are recorded so that its result is not cached.
 */
import type { SessionValidationResult } from './types.js';

/** What revocations arrived while a validation (or its cache write) was in progress. */
export interface FlightState {
  revoked: boolean;
  readonly revokedUsers: Set<string>;
}

/** True when a revocation for this session, or for `userId`, arrived during the flight. */
export function isRevoked(state: FlightState, userId: string): boolean {
  return state.revoked || state.revokedUsers.has(userId);
}

/** Tracks validations and cache writes in progress, keyed by session hash. */
export class FlightRegistry {
  readonly #flights = new Map<string, { promise: Promise<SessionValidationResult>; state: FlightState }>();
  readonly #writing = new Map<string, FlightState>();
  readonly #writes = new Set<Promise<void>>();

  /** Validations in progress. */
  get size(): number {
    return this.#flights.size;
  }

  /** Whether a validation of `hash` is in progress. */
  has(hash: string): boolean {
    return this.#flights.has(hash);
  }

  /** The validation of `hash` in progress, or a new one started with `run`. */
  run(
    hash: string,
    run: (state: FlightState) => Promise<SessionValidationResult>,
  ): Promise<SessionValidationResult> {
    const existing = this.#flights.get(hash);
    if (existing !== undefined) return existing.promise;
    const state: FlightState = { revoked: false, revokedUsers: new Set() };
    const promise = run(state).finally(() => {
      if (this.#flights.get(hash)?.state === state) this.#flights.delete(hash);
    });
    this.#flights.set(hash, { promise, state });
    return promise;
  }

  /** Keeps `state` markable until `write` (the cache write after a validation) settles. */
  trackWrite(hash: string, state: FlightState, write: Promise<void>): void {
    this.#writing.set(hash, state);
    const tracked = write.finally(() => {
      if (this.#writing.get(hash) === state) this.#writing.delete(hash);
      this.#writes.delete(tracked);
    });
    this.#writes.add(tracked);
  }

  /** Records a `session.revoked` for every flight and write of `hash`. */
  revokeSession(hash: string): void {
    const flight = this.#flights.get(hash);
    if (flight !== undefined) flight.state.revoked = true;
    const writing = this.#writing.get(hash);
    if (writing !== undefined) writing.revoked = true;
  }

  /** Records a `user.sessions_revoked` for every flight and write in progress. */
  revokeUser(userId: string): void {
    for (const flight of this.#flights.values()) flight.state.revokedUsers.add(userId);
    for (const writing of this.#writing.values()) writing.revokedUsers.add(userId);
  }

  /** Resolves once every tracked cache write has settled. */
  async idle(): Promise<void> {
    while (this.#writes.size > 0) await Promise.allSettled([...this.#writes]);
  }
}
