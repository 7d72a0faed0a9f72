/**
 * @module Runs the Flowless migrations with Kysely's Migrator, tracked in their own
 * `flowless_migrations` table so they coexist with an application's migrations.
 */
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { FlowlessDialect } from './create-database.js';
import { coreTablesMigration } from './migrations/0001-core-tables.js';
import type { FlowlessDatabase } from './schema.js';

/** The migration table names Flowless uses. */
export const FLOWLESS_MIGRATION_TABLE = 'flowless_migrations';

/**
 * Every Flowless migration for `dialect`, keyed by name in order.
 *
 * @example
 * ```ts
 * Object.keys(flowlessMigrations('libsql')); // ['0001-core-tables']
 * ```
 */
export function flowlessMigrations(dialect: FlowlessDialect): Record<string, Migration> {
  return { '0001-core-tables': coreTablesMigration(dialect) };
}

/**
 * Brings the database to the latest schema.
 *
 * @throws the migration's error when one fails (the failed migration is rolled back where the
 * dialect supports transactional DDL).
 * @example
 * ```ts
 * await migrateFlowless(db, 'postgresql');
 * ```
 */
export async function migrateFlowless(
  db: Kysely<FlowlessDatabase>,
  dialect: FlowlessDialect,
): Promise<MigrationResultSet> {
  const migrations = flowlessMigrations(dialect);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: FLOWLESS_MIGRATION_TABLE,
    migrationLockTableName: `${FLOWLESS_MIGRATION_TABLE}_lock`,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
