/**
 * @module `npm run migrate [-- --down | --status]`: migrates the demonstration `users` schema of
 * the database in `DATABASE_URL`. The configuration is read with `loadConfig` (environment, then
 * `./.env`), as the application reads it.
 */
import { EXAMPLE_MIGRATION_TABLE, exampleMigrations } from '../example/users.js';
import { runMigrateCommand } from './migrate-command.js';

process.exitCode = await runMigrateCommand(process.argv.slice(2), {
  migrations: exampleMigrations,
  tableName: EXAMPLE_MIGRATION_TABLE,
  env: process.env,
  write: (line) => console.log(line),
});
