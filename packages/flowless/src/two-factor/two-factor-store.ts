/**
 * @module The second-factor tables as one port: `two_factor` ({@link FactorStore}),
 * `two_factor_challenges` ({@link ChallengeStore}) and `two_factor_backup_codes`
 * ({@link BackupCodeStore}). Every "use once" rule is a single conditional UPDATE or DELETE whose
 * row count decides, so it holds across instances sharing the database.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { type BackupCodeStore, createBackupCodeStore } from './backup-code-store.js';
import { type ChallengeStore, createChallengeStore } from './code-challenge-store.js';
import { createFactorStore, type FactorStore } from './factor-store.js';

/** The second-factor tables port. */
export type TwoFactorStore = FactorStore & ChallengeStore & BackupCodeStore;

/**
 * Creates the Kysely-backed {@link TwoFactorStore}.
 */
export function createTwoFactorStore(db: Kysely<FlowlessDatabase>): TwoFactorStore {
  return { ...createFactorStore(db), ...createChallengeStore(db), ...createBackupCodeStore(db) };
}
