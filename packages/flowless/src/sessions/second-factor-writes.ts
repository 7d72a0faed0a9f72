/**
 * @module The session writes of the second-factor flow: promoting a pending session, counting a
 * code attempt against its budget, and marking an active session verified.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import type { SessionStore } from './session-store.js';

/**
 * The second-factor writes of {@link SessionStore}.
 */
export function createSecondFactorWrites(
  db: Kysely<FlowlessDatabase>,
): Pick<SessionStore, 'promote' | 'reserveAttempt' | 'markVerified'> {
  return {
    async promote(hash, promotion) {
      const result = await db
        .updateTable('sessions')
        .set({
          state: 'active',
          two_factor_verified: 1,
          two_factor_verified_at: promotion.now,
          two_factor_methods: JSON.stringify([promotion.method]),
          last_used_at: promotion.now,
          expires_at: promotion.expiresAt,
          absolute_expires_at: promotion.absoluteExpiresAt,
        })
        .where('session_hash', '=', hash)
        .where('state', '=', 'pending_2fa')
        .where('absolute_expires_at', '>', promotion.now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async reserveAttempt(hash, max) {
      const result = await db
        .updateTable('sessions')
        .set((eb) => ({ two_factor_failures: eb('two_factor_failures', '+', 1) }))
        .where('session_hash', '=', hash)
        .where('state', '=', 'pending_2fa')
        .where('two_factor_failures', '<', max)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      const row = await db
        .selectFrom('sessions')
        .select('two_factor_failures')
        .where('session_hash', '=', hash)
        .executeTakeFirst();
      return Math.max(0, max - Number(row?.two_factor_failures ?? max));
    },
    async markVerified(hash, now, method) {
      await db
        .updateTable('sessions')
        .set({
          two_factor_verified: 1,
          two_factor_verified_at: now,
          two_factor_methods: JSON.stringify([method]),
        })
        .where('session_hash', '=', hash)
        .where('state', '=', 'active')
        .execute();
    },
  };
}
