/**
 * @module Password-reset and email-verification tokens: 256 random bits, stored as SHA-256,
 * bound to one purpose, expiring, single-use (the row is deleted by the one request that
 * consumes it), and a new issuance voids older tokens of the same purpose.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase, OneTimeTokenPurpose } from '../db/schema.js';
import { fromDbTime } from '../db/values.js';
import type { Clock } from '../runtime/clock.js';
import { newId, randomSecret, sha256Hex } from '../secrets/opaque-secret.js';

/** The one-time token port. */
export interface OneTimeTokenStore {
  /** Issues a token for `purpose`, voiding the user's older ones of that purpose; returns the raw token. */
  issue(userId: string, purpose: OneTimeTokenPurpose, ttlMs: number): Promise<string>;
  /** The user a live token belongs to, without using it up. */
  peek(token: string, purpose: OneTimeTokenPurpose): Promise<string | null>;
  /** Uses a token up; returns its user, or null when unknown, expired, used or for another purpose. */
  consume(token: string, purpose: OneTimeTokenPurpose): Promise<string | null>;
  /** Voids every token of a user, of every purpose. */
  voidAll(userId: string): Promise<void>;
}

/**
 * Creates the Kysely-backed {@link OneTimeTokenStore}.
 *
 * @example
 * ```ts
 * const token = await tokens.issue(user.id, 'password_reset', 3_600_000);
 * ```
 */
export function createOneTimeTokenStore(db: Kysely<FlowlessDatabase>, clock: Clock): OneTimeTokenStore {
  const find = async (token: string, purpose: OneTimeTokenPurpose) => {
    if (token.length < 16 || token.length > 256) return null;
    const row = await db
      .selectFrom('one_time_tokens')
      .select(['id', 'user_id', 'expires_at'])
      .where('token_hash', '=', sha256Hex(token))
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    if (!row || fromDbTime(row.expires_at) <= clock.now()) return null;
    return row;
  };
  return {
    async issue(userId, purpose, ttlMs) {
      const token = randomSecret(32);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('one_time_tokens')
          .where('user_id', '=', userId)
          .where('purpose', '=', purpose)
          .execute();
        await trx
          .insertInto('one_time_tokens')
          .values({
            id: newId('ott'),
            user_id: userId,
            purpose,
            token_hash: sha256Hex(token),
            expires_at: now + ttlMs,
            created_at: now,
          })
          .execute();
      });
      return token;
    },
    async peek(token, purpose) {
      return (await find(token, purpose))?.user_id ?? null;
    },
    async consume(token, purpose) {
      const row = await find(token, purpose);
      if (!row) return null;
      // Only the request whose delete removed the row wins a concurrent double submit.
      const result = await db.deleteFrom('one_time_tokens').where('id', '=', row.id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1 ? row.user_id : null;
    },
    async voidAll(userId) {
      await db.deleteFrom('one_time_tokens').where('user_id', '=', userId).execute();
    },
  };
}
