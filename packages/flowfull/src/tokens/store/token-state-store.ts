/**
 * @module The port single-use and revocation rest on: a store of token ids (`jti`) that have been
 * consumed or revoked, each kept until the token would have expired anyway.
 */
import { TokenPayloadInvalidError } from '../errors.js';

/**
 * Where consumed and revoked token ids are recorded. Adapters: `createRedisTokenStateStore`
 * (several processes), `createDatabaseTokenStateStore` (several processes, no Redis),
 * `createMemoryTokenStateStore` (one process: tests and development).
 *
 * @example
 * ```ts
 * const store: TokenStateStore = createRedisTokenStateStore({ client: redis });
 * if (!(await store.consume(jti, expiresAt))) throw new TokenUsedError();
 * ```
 */
export interface TokenStateStore {
  /**
   * Records `jti` as used, atomically: of any number of concurrent calls for the same `jti`, across
   * processes, exactly one resolves `true`; every other call, and every later one, resolves `false`.
   * A revoked `jti` resolves `false`. The record is kept at least until `expiresAt`, which callers
   * set to the last instant the token could still verify (its `exp` plus any clock tolerance).
   */
  consume(jti: string, expiresAt: Date): Promise<boolean>;
  /** Records `jti` as revoked (idempotent; a used `jti` stays unusable), kept at least until `expiresAt`. */
  revoke(jti: string, expiresAt: Date): Promise<void>;
  /** Whether `jti` has been consumed or revoked (and its record has not lapsed). */
  isRevokedOrUsed(jti: string): Promise<boolean>;
}

/** The longest token id a store accepts (it is a primary key in the database adapter). */
export const MAX_JTI_LENGTH = 255;

/**
 * Checks the arguments every adapter receives.
 *
 * @throws {TokenPayloadInvalidError} on an empty or oversized `jti`, or an invalid date.
 */
export function assertStoreArguments(jti: unknown, expiresAt?: unknown): asserts jti is string {
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) {
    throw new TokenPayloadInvalidError(
      `A token id (jti) must be a string of 1 to ${MAX_JTI_LENGTH} characters`,
    );
  }
  if (expiresAt !== undefined && (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()))) {
    throw new TokenPayloadInvalidError('expiresAt must be a valid Date');
  }
}
