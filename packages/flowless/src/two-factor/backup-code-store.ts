/**
 * @module Reads and writes `two_factor_backup_codes` (HMAC only). A code is spent by a conditional
 * UPDATE whose row count decides, so it works once across instances sharing the database.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { newId } from '../secrets/opaque-secret.js';

/** The `two_factor_backup_codes` table port. */
export interface BackupCodeStore {
  /** Replaces every backup code of a user by `hashes` (older codes stop working). */
  replaceBackupCodes(userId: string, hashes: readonly string[], now: number): Promise<void>;
  /** Marks an unused backup code used; true for the one caller that did. */
  consumeBackupCode(userId: string, hash: string, now: number): Promise<boolean>;
  /** Unused backup codes of a user. */
  backupCodesLeft(userId: string): Promise<number>;
}

/**
 * Creates the Kysely-backed {@link BackupCodeStore}.
 */
export function createBackupCodeStore(db: Kysely<FlowlessDatabase>): BackupCodeStore {
  return {
    async replaceBackupCodes(userId, hashes, now) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('two_factor_backup_codes').where('user_id', '=', userId).execute();
        await trx
          .insertInto('two_factor_backup_codes')
          .values(
            hashes.map((hash) => ({
              id: newId('tfb'),
              user_id: userId,
              code_hash: hash,
              used_at: null,
              created_at: now,
            })),
          )
          .execute();
      });
    },
    async consumeBackupCode(userId, hash, now) {
      const result = await db
        .updateTable('two_factor_backup_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async backupCodesLeft(userId) {
      const row = await db
        .selectFrom('two_factor_backup_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
