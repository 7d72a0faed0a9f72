/**
 * @module The `migrate` command: any package runs its own migration set through it.
 */
import { ConfigError, loadDatabaseConfig, type RawDefaults } from '../../config/index.js';
import { createDatabase } from '../create-database.js';
import type { DatabaseConfig } from '../database-config.js';
import { DatabaseError } from '../errors.js';
import { type MigrationSet, migrationStatus, runMigrations } from '../migrations/run-migrations.js';

/** Options of {@link runMigrateCommand}. */
export interface MigrateCommandOptions {
  /** The package's migrations. */
  migrations: MigrationSet;
  /** The package's migration history table. */
  tableName: string;
  /** Database settings; when absent they are read from `env`. @default read from env */
  config?: DatabaseConfig;
  /** Environment the database variables are read from (`loadDatabaseConfig`). @default {} */
  env?: Readonly<Record<string, string | undefined>>;
  /** Read `./.env` too (variables already in `env` win). @default true */
  dotenv?: boolean;
  /** The application's raw defaults for unset variables (see `loadConfig`'s `defaults`). @default none */
  defaults?: RawDefaults;
  /** Where lines of output go. @default no output */
  write?: (line: string) => void;
}

const USAGE = 'usage: migrate [--down | --status]   (no flag: apply every pending migration)';

/**
 * Runs `migrate` (to latest), `migrate --down` (one step back) or `migrate --status`, and returns
 * the process exit code: 0 on success, 1 when the configuration is invalid or the database or a
 * migration fails, 2 on bad usage. Only the database variables are read (`loadDatabaseConfig`).
 * Output never includes a password: URLs are masked.
 *
 * @example
 * ```ts
 * process.exitCode = await runMigrateCommand(process.argv.slice(2), {
 *   migrations, tableName: 'app_migrations', env: process.env, write: (line) => console.log(line),
 * });
 * ```
 */
export async function runMigrateCommand(
  argv: readonly string[],
  options: MigrateCommandOptions,
): Promise<number> {
  const write = options.write ?? (() => undefined);
  const flag = argv.length === 0 ? '--latest' : argv.length === 1 ? argv[0] : undefined;
  if (flag === '--help' || flag === '-h') {
    write(USAGE);
    return 0;
  }
  if (flag !== '--latest' && flag !== '--down' && flag !== '--status') {
    write(USAGE);
    return 2;
  }
  const config =
    options.config ??
    configFromEnv(options.env ?? {}, { dotenv: options.dotenv ?? true, defaults: options.defaults }, write);
  if (config === undefined) return 1;
  try {
    const db = await createDatabase(config);
    try {
      const table = { tableName: options.tableName };
      if (flag === '--status') {
        for (const state of await migrationStatus(db, options.migrations, table)) {
          write(`${state.executedAt ? `done ${state.executedAt.toISOString()}` : 'pending'}  ${state.name}`);
        }
        return 0;
      }
      const direction = flag === '--down' ? 'down' : 'latest';
      const outcomes = await runMigrations(db, options.migrations, { ...table, direction });
      if (outcomes.length === 0) write(direction === 'down' ? 'nothing to revert' : 'already up to date');
      for (const outcome of outcomes) write(`${outcome.direction} ${outcome.name}: ${outcome.status}`);
      return 0;
    } finally {
      await db.destroy();
    }
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error;
    write(`${error.code}: ${error.message}`);
    return 1;
  }
}

function configFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: { dotenv: boolean; defaults: RawDefaults | undefined },
  write: (line: string) => void,
): DatabaseConfig | undefined {
  try {
    return loadDatabaseConfig(env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    write(`${error.code}: ${error.message}`);
    return undefined;
  }
}
