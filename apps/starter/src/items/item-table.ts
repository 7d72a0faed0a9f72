/**
 * @module The `items` table of the starter's database and its migrations (one set, every dialect).
 */
import { columnTypes, type MigrationSet } from 'flowfull/db';
import {
  TRUST_TOKEN_USES_MIGRATION_NAME,
  type TrustTokenDatabase,
  trustTokenUsesMigration,
} from 'flowfull/tokens';

/** An item row; times are epoch milliseconds, `is_public` reads 0/1 on libSQL. */
export interface ItemsTable {
  id: string;
  owner_id: string;
  title: string;
  description: string | null;
  is_public: boolean | number;
  created_at: number;
  updated_at: number;
}

/** The starter's database. */
export interface StarterDatabase extends TrustTokenDatabase {
  items: ItemsTable;
}

/** Migration history table of the starter. */
export const STARTER_MIGRATION_TABLE = 'starter_migrations';

/**
 * The starter's migrations: the items table, its indexes, and the single-use table of trust tokens.
 */
export const starterMigrations: MigrationSet = Object.freeze({
  '0001_create_items': {
    async up(db) {
      const t = columnTypes(db);
      await db.schema
        .createTable('items')
        .ifNotExists()
        .addColumn('id', t.id, (col) => col.primaryKey())
        .addColumn('owner_id', t.string, (col) => col.notNull())
        .addColumn('title', t.string, (col) => col.notNull())
        .addColumn('description', t.text)
        .addColumn('is_public', t.boolean, (col) => col.notNull())
        .addColumn('created_at', t.timestamp, (col) => col.notNull())
        .addColumn('updated_at', t.timestamp, (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('items_owner_idx')
        .on('items')
        .columns(['owner_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('items_public_idx')
        .on('items')
        .columns(['is_public', 'created_at'])
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('items').ifExists().execute();
    },
  },
  [TRUST_TOKEN_USES_MIGRATION_NAME]: trustTokenUsesMigration,
});
