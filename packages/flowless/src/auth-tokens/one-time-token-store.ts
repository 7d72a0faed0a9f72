/**
 * @module Password-reset, email-verification, email-change and sign-in-link tokens: 256 random bits, stored as
 * SHA-256, bound to one purpose and to the address they were mailed to, expiring, single-use (the
 * row is deleted by the one request that consumes it), and a new issuance voids older tokens of
 * the same purpose.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase, OneTimeTokenPurpose } from '../db/schema.js';
import { fromDbTime } from '../db/values.js';
import type { Clock } from '../runtime/clock.js';
import { newId, randomSecret, sha256Hex } from '../secrets/opaque-secret.js';

/** Options of {@link OneTimeTokenStore.issue}. */
export interface IssueOptions {
  /** The address the token is mailed to, stored with it. @default null (an address is not known) */
  sentTo?: string | null;
}

/** A token that was used up: whose it was and where it had been mailed. */
export interface ConsumedToken {
  userId: string;
  /** The address the token was mailed to, lowercased, or null when not recorded. */
  sentTo: string | null;
}

/** A live token, as {@link OneTimeTokenStore.inspect} sees it (never the token or its hash). */
export interface LiveToken {
  /** The row id (`ott_…`), safe to show. */
  id: string;
  userId: string;
  sentTo: string | null;
  /** Epoch ms. */
  expiresAt: number;
}

/** The one-time token port. */
export interface OneTimeTokenStore {
  /** Issues a token for `purpose`, voiding the user's older ones of that purpose; returns the raw token. */
  issue(userId: string, purpose: OneTimeTokenPurpose, ttlMs: number, options?: IssueOptions): Promise<string>;
  /** The user a live token belongs to, without using it up. */
  peek(token: string, purpose: OneTimeTokenPurpose): Promise<string | null>;
  /** A live token's id, owner, recipient and expiry, without using it up. */
  inspect(token: string, purpose: OneTimeTokenPurpose): Promise<LiveToken | null>;
  /** Uses a token up; null when unknown, expired, used or for another purpose. */
  consume(token: string, purpose: OneTimeTokenPurpose): Promise<ConsumedToken | null>;
  /** Voids every token of a user, of every purpose, or only those of `purpose`. */
  voidAll(userId: string, purpose?: OneTimeTokenPurpose): Promise<void>;
}

/**
 * Creates the Kysely-backed {@link OneTimeTokenStore}.
 */
export function createOneTimeTokenStore(db: Kysely<FlowlessDatabase>, clock: Clock): OneTimeTokenStore {
  const find = async (token: string, purpose: OneTimeTokenPurpose) => {
    if (token.length < 16 || token.length > 256) return null;
    const row = await db
      .selectFrom('one_time_tokens')
      .select(['id', 'user_id', 'sent_to', 'expires_at'])
      .where('token_hash', '=', sha256Hex(token))
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    if (!row || fromDbTime(row.expires_at) <= clock.now()) return null;
    return row;
  };
  return {
    async issue(userId, purpose, ttlMs, options = {}) {
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
            sent_to: options.sentTo ? options.sentTo.trim().toLowerCase() : null,
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
    async inspect(token, purpose) {
      const row = await find(token, purpose);
      return row
        ? { id: row.id, userId: row.user_id, sentTo: row.sent_to, expiresAt: fromDbTime(row.expires_at) }
        : null;
    },
    async consume(token, purpose) {
      const row = await find(token, purpose);
      if (!row) return null;
      // Only the request whose delete removed the row wins a concurrent double submit.
      const result = await db.deleteFrom('one_time_tokens').where('id', '=', row.id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1 ? { userId: row.user_id, sentTo: row.sent_to } : null;
    },
    async voidAll(userId, purpose) {
      let query = db.deleteFrom('one_time_tokens').where('user_id', '=', userId);
      if (purpose) query = query.where('purpose', '=', purpose);
      await query.execute();
    },
  };
}
