/**
 * @module The vault's second migration: a logout handle per vault session, stored as its SHA-256,
 * so a browser can end its vault session by a top-level navigation (the handle travels in an
 * HttpOnly cookie that only the logout route receives) while the session token stays in memory.
 */
import type { Migration } from 'kysely';
import { databaseTypeOf } from '../db/database-type-of.js';
import { columnTypes } from '../db/migrations/column-types.js';

/**
 * `0002_vault_logout_handle`: `vault_sessions.logout_hash` (nullable: sessions opened before it
 * have none) and its index.
 *
 * @example
 * ```ts
 * const migrations = { '0001_create_vault': create, '0002_vault_logout_handle': logoutHandleMigration };
 * ```
 */
export const logoutHandleMigration: Migration = {
  async up(db) {
    const t = columnTypes(db);
    await db.schema.alterTable('vault_sessions').addColumn('logout_hash', t.string).execute();
    await db.schema
      .createIndex('vault_sessions_logout_idx')
      .on('vault_sessions')
      .columns(['logout_hash'])
      .execute();
  },
  async down(db) {
    // MySQL names an index's table when dropping it; PostgreSQL and SQLite reject that clause.
    const drop = db.schema.dropIndex('vault_sessions_logout_idx');
    await (databaseTypeOf(db) === 'mysql' ? drop.on('vault_sessions') : drop).execute();
    await db.schema.alterTable('vault_sessions').dropColumn('logout_hash').execute();
  },
};
