/**
 * @module flowfull/db: one codebase on PostgreSQL, MySQL and libSQL through Kysely: detection from
 * `DATABASE_URL`, pooled connections, typed errors, portable migrations and a repository base.
 */

export type { Migration } from 'kysely';
export { type MigrateCommandOptions, runMigrateCommand } from './cli/migrate-command.js';
export { type CreateDatabaseOptions, createDatabase } from './create-database.js';
export {
  DATABASE_CONFIG_DEFAULTS,
  type DatabaseConfig,
  type DatabaseSsl,
  type ResolvedDatabaseConfig,
  resolveDatabaseConfig,
} from './database-config.js';
export {
  DATABASE_TYPES,
  type DatabaseType,
  type DetectDatabaseTypeOptions,
  detectDatabaseType,
  isDatabaseType,
} from './database-type.js';
export { databaseTypeOf } from './database-type-of.js';
export { maskDatabaseUrl } from './database-url.js';
export { libsqlFilePath } from './dialects/libsql/libsql-dialect.js';
export {
  type ConstraintDetails,
  DatabaseAcquireTimeoutError,
  DatabaseConfigError,
  DatabaseError,
  type DatabaseErrorCode,
  DatabasePoolQueueFullError,
  DatabaseQueryError,
  DatabaseUnreachableError,
  DatabaseUrlError,
  ForeignKeyViolationError,
  MigrationError,
  PageRequestError,
  UniqueViolationError,
} from './errors.js';
export { isUniqueViolation, mapDatabaseError } from './map-database-error.js';
export { columnTypes, type PortableColumnTypes, type PortableDataType } from './migrations/column-types.js';
export {
  type MigrationDirection,
  type MigrationOutcome,
  type MigrationSet,
  type MigrationState,
  type MigrationTableOptions,
  migrationStatus,
  type RunMigrationsOptions,
  runMigrations,
} from './migrations/run-migrations.js';
export type { Page, PageRequest } from './repository/pagination.js';
export { type ColumnOf, Repository, type RepositoryOptions } from './repository/repository.js';
