/**
 * @module `npm run migrate [-- --down | --status]`: migrates the demonstration `users` schema of
 * the database in `DATABASE_URL` (read from the environment or `.env`).
 */
import { config as loadDotenv } from 'dotenv';
import { EXAMPLE_MIGRATION_TABLE, exampleMigrations } from '../example/users.js';
import { runMigrateCommand } from './migrate-command.js';

loadDotenv({ quiet: true });
process.exitCode = await runMigrateCommand(process.argv.slice(2), {
  migrations: exampleMigrations,
  tableName: EXAMPLE_MIGRATION_TABLE,
  env: process.env,
  write: (line) => console.log(line),
});
