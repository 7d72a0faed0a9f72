/**
 * @module `npm run migrate [-- --down | --status]`: migrates the starter's schema (items and
 * trust-token uses) in the database of `DATABASE_URL`. Only the database variables are read
 * (environment, then `./.env`), so a deploy step needs no other secret.
 */
import { runMigrateCommand } from 'flowfull/db';
import { STARTER_MIGRATION_TABLE, starterMigrations } from './items/item-table.js';

process.exitCode = await runMigrateCommand(process.argv.slice(2), {
  migrations: starterMigrations,
  tableName: STARTER_MIGRATION_TABLE,
  env: process.env,
  write: (line) => process.stdout.write(`${line}\n`),
});
