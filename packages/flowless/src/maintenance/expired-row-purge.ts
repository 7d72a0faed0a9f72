/**
 * @module Deletes expired sessions, one-time tokens, second-factor codes, passkey challenges and
 * audit events past their retention in bounded batches, on every dialect: each
 * batch selects at most `batchSize` expired ids per table (by the indexed `expires_at`), then
 * deletes those ids that are still expired, so no statement holds locks for long and a session
 * touched meanwhile survives. A session's `expires_at` never passes its absolute expiry, so it
 * alone says whether a session is over. Revocation records are not this module's business.
 */
import type { Kysely } from 'kysely';
import { createAuditStore } from '../audit/audit-store.js';
import type { FlowlessDatabase } from '../db/schema.js';
import type { Clock } from '../runtime/clock.js';

/** Options of {@link createExpiredRowPurge}. */
export interface ExpiredRowPurgeOptions {
  db: Kysely<FlowlessDatabase>;
  /** Decides what is expired: rows with `expires_at <= clock.now()`. */
  clock: Clock;
  /** Most rows deleted from each table by one batch (one pair of statements). */
  batchSize: number;
  /** Most batches one {@link ExpiredRowPurge.purgeExpired} run takes; the rest waits. @default 100 */
  maxBatches?: number;
  /** Audit events older than this many ms go too (AUDIT_RETENTION_DAYS). @default none are purged */
  auditRetentionMs?: number;
}

/** How many expired rows went, per table. */
export interface PurgeCounts {
  sessions: number;
  oneTimeTokens: number;
  /** Emailed or texted second-factor codes past their life (migration 0004). */
  twoFactorChallenges: number;
  /** Passkey challenges handed out and never answered (migration 0006). */
  passkeyChallenges: number;
  /** Audit events past their retention (migration 0008). */
  auditEvents: number;
}

/** Purges expired rows. */
export interface ExpiredRowPurge {
  /** Deletes at most `batchSize` expired rows of each table. */
  purgeBatch(): Promise<PurgeCounts>;
  /** Runs batches until none is full (every expired row gone), or `maxBatches` ran. */
  purgeExpired(): Promise<PurgeCounts>;
}

type PurgedTable = 'sessions' | 'one_time_tokens' | 'two_factor_challenges' | 'passkey_challenges';

/**
 * Creates an {@link ExpiredRowPurge}.
 *
 * @throws TypeError when `batchSize` or `maxBatches` is not a positive whole number.
 * @example
 * ```ts
 * const purge = createExpiredRowPurge({ db, clock: systemClock, batchSize: 1000 });
 * const { sessions, oneTimeTokens } = await purge.purgeExpired();
 * ```
 */
export function createExpiredRowPurge(options: ExpiredRowPurgeOptions): ExpiredRowPurge {
  const { db, clock, batchSize, maxBatches = 100, auditRetentionMs } = options;
  const audit = createAuditStore(db);
  for (const [name, value] of [
    ['batchSize', batchSize],
    ['maxBatches', maxBatches],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`createExpiredRowPurge: options.${name} must be a positive whole number`);
    }
  }

  // PostgreSQL and SQLite have no DELETE … LIMIT and MySQL no LIMIT in an IN subquery: select, then delete.
  const purgeTable = async (table: PurgedTable, now: number): Promise<number> => {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return 0;
    const result = await db
      .deleteFrom(table)
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  };

  const purgeBatch = async (): Promise<PurgeCounts> => {
    const now = clock.now();
    return {
      sessions: await purgeTable('sessions', now),
      oneTimeTokens: await purgeTable('one_time_tokens', now),
      twoFactorChallenges: await purgeTable('two_factor_challenges', now),
      passkeyChallenges: await purgeTable('passkey_challenges', now),
      auditEvents:
        auditRetentionMs === undefined ? 0 : await audit.deleteBatchBefore(now - auditRetentionMs, batchSize),
    };
  };

  return {
    purgeBatch,
    async purgeExpired() {
      const total: PurgeCounts = {
        sessions: 0,
        oneTimeTokens: 0,
        twoFactorChallenges: 0,
        passkeyChallenges: 0,
        auditEvents: 0,
      };
      for (let batch = 0; batch < maxBatches; batch++) {
        const counts = await purgeBatch();
        for (const key of Object.keys(total) as (keyof PurgeCounts)[]) total[key] += counts[key];
        if (Object.values(counts).every((count) => count < batchSize)) break;
      }
      return total;
    },
  };
}
