/**
 * @module Runs a package's migrations with Kysely's Migrator, in the migration table that package names.
 */
import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import { MigrationError } from '../errors.js';

/** A package's migrations by name; names sort in the order they run (e.g. `0001_create_users`). */
export type MigrationSet = Readonly<Record<string, Migration>>;

/** `'latest'` runs every pending migration; `'up'` and `'down'` move one step. */
export type MigrationDirection = 'latest' | 'up' | 'down';

/** Where a package keeps its migration history; packages sharing a database pick distinct names. */
export interface MigrationTableOptions {
  /** The history table, e.g. `'flowless_migrations'`. */
  tableName: string;
  /** The lock table Kysely uses on dialects without advisory locks. @default `${tableName}_lock` */
  lockTableName?: string;
}

/** Options of {@link runMigrations}. */
export interface RunMigrationsOptions extends MigrationTableOptions {
  /** Which way to go. @default 'latest' */
  direction?: MigrationDirection;
}

/** What happened to one migration in a run. */
export interface MigrationOutcome {
  readonly name: string;
  readonly direction: 'up' | 'down';
  readonly status: 'success' | 'error' | 'not-executed';
}

/** One migration and whether it has run. */
export interface MigrationState {
  readonly name: string;
  /** When it ran, or `null` while pending. */
  readonly executedAt: Date | null;
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Applies `migrations` in name order, each in a transaction where the dialect allows DDL in one.
 * Running it again when nothing is pending does nothing.
 *
 * @returns what happened to each migration the run touched (empty when nothing was pending).
 * @throws {MigrationError} `ERR_DB_MIGRATION_FAILED`, naming the failed migration, with the
 *   driver's error as `cause` and the outcomes as `results`.
 * @example
 * ```ts
 * await runMigrations(db, { '0001_create_users': createUsers }, { tableName: 'app_migrations' });
 * ```
 */
export async function runMigrations<DB>(
  db: Kysely<DB>,
  migrations: MigrationSet,
  options: RunMigrationsOptions,
): Promise<MigrationOutcome[]> {
  const direction = options.direction ?? 'latest';
  if (direction !== 'latest' && direction !== 'up' && direction !== 'down') {
    throw new TypeError(
      `runMigrations: options.direction must be 'latest', 'up' or 'down', got ${String(direction)}`,
    );
  }
  const migrator = createMigrator(db, migrations, options);
  const run =
    direction === 'latest'
      ? migrator.migrateToLatest()
      : direction === 'up'
        ? migrator.migrateUp()
        : migrator.migrateDown();
  const { error, results = [] } = await run;
  const outcomes = results.map(toOutcome);
  if (error !== undefined) {
    const failed = outcomes.find((outcome) => outcome.status === 'error')?.name;
    throw new MigrationError(failed, outcomes, { cause: error });
  }
  return outcomes;
}

/**
 * Lists every migration of the set, in run order, with when it ran.
 *
 * @example
 * ```ts
 * const pending = (await migrationStatus(db, migrations, { tableName: 'app_migrations' }))
 *   .filter((migration) => migration.executedAt === null);
 * ```
 */
export async function migrationStatus<DB>(
  db: Kysely<DB>,
  migrations: MigrationSet,
  options: MigrationTableOptions,
): Promise<MigrationState[]> {
  const infos = await createMigrator(db, migrations, options).getMigrations();
  return infos.map((info) => ({ name: info.name, executedAt: info.executedAt ?? null }));
}

function createMigrator<DB>(
  db: Kysely<DB>,
  migrations: MigrationSet,
  options: MigrationTableOptions,
): Migrator {
  const { tableName, lockTableName = `${tableName}_lock` } = options;
  for (const [key, value] of [
    ['tableName', tableName],
    ['lockTableName', lockTableName],
  ] as const) {
    if (typeof value !== 'string' || !TABLE_NAME.test(value)) {
      throw new TypeError(`migrations: options.${key} must match ${TABLE_NAME}, got ${String(value)}`);
    }
  }
  if (tableName === lockTableName) {
    throw new TypeError('migrations: options.lockTableName must differ from options.tableName');
  }
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    migrationTableName: tableName,
    migrationLockTableName: lockTableName,
  });
}

function toOutcome(result: MigrationResult): MigrationOutcome {
  return {
    name: result.migrationName,
    direction: result.direction === 'Up' ? 'up' : 'down',
    status: result.status === 'Success' ? 'success' : result.status === 'Error' ? 'error' : 'not-executed',
  };
}
