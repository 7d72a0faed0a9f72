/**
 * @module The Flowless database: schema types, migrations and value helpers. Connections, column
 * types and error mapping come from `flowfull/db`.
 */
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
export { fromDbBool, fromDbTime, fromDbTimeOrNull, iso } from './values.js';
