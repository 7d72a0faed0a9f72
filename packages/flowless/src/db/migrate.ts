/**
 * @module The Flowless migrations, run by flowfull's `runMigrations` and tracked in their own
 * `flowless_migrations` table so they coexist with an application's migrations.
 */
import { type MigrationOutcome, type MigrationSet, runMigrations } from 'flowfull/db';
import type { Kysely } from 'kysely';
import { coreTablesMigration } from './migrations/0001-core-tables.js';
import { revocationEventsMigration } from './migrations/0002-revocation-events.js';
import { tokenRecipientAndExpiryIndexesMigration } from './migrations/0003-token-recipient-and-expiry-indexes.js';
import { twoFactorStateMigration } from './migrations/0004-two-factor-state.js';
import { socialLoginMigration } from './migrations/0005-social-login.js';
import { passkeysMigration } from './migrations/0006-passkeys.js';
import { apiTokensMigration } from './migrations/0007-api-tokens.js';
import { auditEventsMigration } from './migrations/0008-audit-events.js';

/** The migration history table Flowless uses (its lock table is `flowless_migrations_lock`). */
export const FLOWLESS_MIGRATION_TABLE = 'flowless_migrations';

/**
 * Every Flowless migration, keyed by name in run order.
 *
 * @example
 * ```ts
 * Object.keys(flowlessMigrations); // ['0001-core-tables', '0002-revocation-events', '0003-token-recipient-and-expiry-indexes', '0004-two-factor-state', '0005-social-login', '0006-passkeys', '0007-api-tokens', '0008-audit-events']
 * ```
 */
export const flowlessMigrations: MigrationSet = Object.freeze({
  '0001-core-tables': coreTablesMigration,
  '0002-revocation-events': revocationEventsMigration,
  '0003-token-recipient-and-expiry-indexes': tokenRecipientAndExpiryIndexesMigration,
  '0004-two-factor-state': twoFactorStateMigration,
  '0005-social-login': socialLoginMigration,
  '0006-passkeys': passkeysMigration,
  '0007-api-tokens': apiTokensMigration,
  '0008-audit-events': auditEventsMigration,
});

/**
 * Brings the database to the latest Flowless schema.
 *
 * @throws {MigrationError} `ERR_DB_MIGRATION_FAILED` naming the failed migration (rolled back where
 *   the dialect supports transactional DDL).
 * @example
 * ```ts
 * await migrateFlowless(await createDatabase(config));
 * ```
 */
export function migrateFlowless<DB>(db: Kysely<DB>): Promise<MigrationOutcome[]> {
  return runMigrations(db, flowlessMigrations, { tableName: FLOWLESS_MIGRATION_TABLE });
}
