/**
 * @module The vault's migrations, one set for every dialect (see vault-tables.ts for the tables).
 */
import type { Kysely } from 'kysely';
import { columnTypes, type PortableColumnTypes } from '../db/migrations/column-types.js';
import type { MigrationSet } from '../db/migrations/run-migrations.js';
import { logoutHandleMigration } from './logout-handle-migration.js';

/** Workspaces, their applications, members and invitations. */
async function createWorkspaceTables(db: Kysely<unknown>, t: PortableColumnTypes): Promise<void> {
  const table = (name: string) => db.schema.createTable(name).ifNotExists();
  await table('vault_workspaces')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', t.string, (c) => c.notNull())
    .addColumn('wrapped_data_key', t.text, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await table('vault_applications')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('name', t.string, (c) => c.notNull())
    .addColumn('allowed_origins', t.json, (c) => c.notNull())
    .addColumn('max_value_bytes', t.integer, (c) => c.notNull())
    .addColumn('max_session_bytes', t.integer, (c) => c.notNull())
    .addColumn('max_concurrent_sessions', t.integer, (c) => c.notNull())
    .addColumn('session_ttl_ms', t.bigint, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await table('vault_members')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('role', t.string, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('vault_members_pk', ['workspace_id', 'user_id'])
    .execute();
  await table('vault_invites')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('token_hash', t.string, (c) => c.notNull().unique())
    .addColumn('role', t.string, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

/** Application users, their vault sessions and values. */
async function createSessionTables(db: Kysely<unknown>, t: PortableColumnTypes): Promise<void> {
  const table = (name: string) => db.schema.createTable(name).ifNotExists();
  await table('vault_users')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('application_id', t.id, (c) => c.notNull())
    .addColumn('subject', t.string, (c) => c.notNull())
    .addColumn('token_revision', t.integer, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('vault_users_subject_uq', ['application_id', 'subject'])
    .execute();
  await table('vault_sessions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('token_hash', t.string, (c) => c.notNull().unique())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('application_id', t.id, (c) => c.notNull())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('revision', t.integer, (c) => c.notNull())
    .addColumn('source_session_hash', t.string, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('ended_at', t.timestamp)
    .execute();
  await db.schema.createIndex('vault_sessions_user_idx').on('vault_sessions').columns(['user_id']).execute();
  await db.schema
    .createIndex('vault_sessions_source_idx')
    .on('vault_sessions')
    .columns(['source_session_hash'])
    .execute();
  await table('vault_values')
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('key_name', t.string, (c) => c.notNull())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('application_id', t.id, (c) => c.notNull())
    .addColumn('ciphertext', t.text, (c) => c.notNull())
    .addColumn('size', t.integer, (c) => c.notNull())
    .addColumn('version', t.integer, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('vault_values_pk', ['user_id', 'key_name'])
    .execute();
}

/** The audit trail and the API access log. */
async function createAuditTables(db: Kysely<unknown>, t: PortableColumnTypes): Promise<void> {
  const table = (name: string) => db.schema.createTable(name).ifNotExists();
  await table('vault_audit_events')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('actor', t.string, (c) => c.notNull())
    .addColumn('action', t.string, (c) => c.notNull())
    .addColumn('target', t.string)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vault_audit_ws_idx')
    .on('vault_audit_events')
    .columns(['workspace_id', 'created_at'])
    .execute();
  await table('vault_api_access')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('application_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('method', t.string, (c) => c.notNull())
    .addColumn('route', t.string, (c) => c.notNull())
    .addColumn('status', t.integer, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vault_api_access_ws_idx')
    .on('vault_api_access')
    .columns(['workspace_id', 'created_at'])
    .execute();
}

/** Migration history table of the vault. */
export const VAULT_MIGRATION_TABLE = 'vault_migrations';

/**
 * The vault's migrations.
 *
 * @example
 * ```ts
 * await runMigrations(db, vaultMigrations, { tableName: VAULT_MIGRATION_TABLE });
 * ```
 */
export const vaultMigrations: MigrationSet = Object.freeze({
  '0001_create_vault': {
    async up(db) {
      const t = columnTypes(db);
      await createWorkspaceTables(db, t);
      await createSessionTables(db, t);
      await createAuditTables(db, t);
    },
    async down(db) {
      for (const name of [
        'vault_api_access',
        'vault_audit_events',
        'vault_values',
        'vault_sessions',
        'vault_users',
        'vault_invites',
        'vault_members',
        'vault_applications',
        'vault_workspaces',
      ]) {
        await db.schema.dropTable(name).ifExists().execute();
      }
    },
  },
  '0002_vault_logout_handle': logoutHandleMigration,
});
