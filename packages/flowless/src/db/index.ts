/**
 * @module The Flowless database: schema types, connection and migrations.
 */
export type { ColumnTypes } from './column-types.js';
export { columnTypes } from './column-types.js';
export type { FlowlessDatabaseHandle, FlowlessDatabaseOptions, FlowlessDialect } from './create-database.js';
export { createFlowlessDatabase, detectDialect } from './create-database.js';
export { FLOWLESS_MIGRATION_TABLE, flowlessMigrations, migrateFlowless } from './migrate.js';
export type {
  Bool,
  FlowlessDatabase,
  NullableTimestamp,
  OneTimeTokenPurpose,
  OneTimeTokensTable,
  SessionsTable,
  SocialAccountsTable,
  Timestamp,
  TokensTable,
  TwoFactorTable,
  UsersTable,
} from './schema.js';
export { fromDbBool, fromDbTime, fromDbTimeOrNull, iso, toDbBool, toDbTime } from './values.js';
