/**
 * @module Reads and writes `two_factor_challenges`: emailed or texted codes (HMAC only), one per
 * session and method. Attempts are counted and a code is spent by conditional writes whose row
 * count decides, so each holds across instances sharing the database.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { fromDbTime } from '../db/values.js';
import { newId } from '../secrets/opaque-secret.js';

/** An emailed or texted code waiting to be typed. */
export interface ChallengeRecord {
  id: string;
  methodId: string;
  codeHash: string;
  attempts: number;
  sentAt: number;
  expiresAt: number;
}

/** The `two_factor_challenges` table port. */
export interface ChallengeStore {
  /**
   * Stores a new code for (session, method) unless one was sent less than `resendMs` ago; false
   * when throttled.
   */
  putChallenge(
    fields: { userId: string; methodId: string; sessionHash: string; codeHash: string; expiresAt: number },
    now: number,
    resendMs: number,
  ): Promise<boolean>;
  findChallenge(sessionHash: string, methodId: string): Promise<ChallengeRecord | null>;
  /** Counts one attempt on a challenge when fewer than `max` were counted. */
  reserveChallengeAttempt(id: string, max: number): Promise<boolean>;
  /** Deletes a challenge; true for the one caller that deleted it (single use). */
  consumeChallenge(id: string): Promise<boolean>;
}

/**
 * Creates the Kysely-backed {@link ChallengeStore}.
 */
export function createChallengeStore(db: Kysely<FlowlessDatabase>): ChallengeStore {
  return {
    async putChallenge(fields, now, resendMs) {
      const updated = await db
        .updateTable('two_factor_challenges')
        .set({ code_hash: fields.codeHash, attempts: 0, sent_at: now, expires_at: fields.expiresAt })
        .where('session_hash', '=', fields.sessionHash)
        .where('method_id', '=', fields.methodId)
        .where('sent_at', '<=', now - resendMs)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) return true;
      try {
        await db
          .insertInto('two_factor_challenges')
          .values({
            id: newId('tfc'),
            user_id: fields.userId,
            method_id: fields.methodId,
            session_hash: fields.sessionHash,
            code_hash: fields.codeHash,
            attempts: 0,
            sent_at: now,
            expires_at: fields.expiresAt,
            created_at: now,
          })
          .execute();
        return true;
      } catch (error) {
        // The unique (session, method) pair: a code was sent recently (or concurrently).
        const existing = await db
          .selectFrom('two_factor_challenges')
          .select('id')
          .where('session_hash', '=', fields.sessionHash)
          .where('method_id', '=', fields.methodId)
          .executeTakeFirst();
        if (existing) return false;
        throw error;
      }
    },
    async findChallenge(sessionHash, methodId) {
      const row = await db
        .selectFrom('two_factor_challenges')
        .selectAll()
        .where('session_hash', '=', sessionHash)
        .where('method_id', '=', methodId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        methodId: row.method_id,
        codeHash: row.code_hash,
        attempts: Number(row.attempts),
        sentAt: fromDbTime(row.sent_at),
        expiresAt: fromDbTime(row.expires_at),
      };
    },
    async reserveChallengeAttempt(id, max) {
      const result = await db
        .updateTable('two_factor_challenges')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('attempts', '<', max)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async consumeChallenge(id) {
      const result = await db.deleteFrom('two_factor_challenges').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
