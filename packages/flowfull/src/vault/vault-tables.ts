/**
 * @module The vault's tables (Kysely types) and their migrations, one set for every dialect. Times
 * are epoch milliseconds; `vault_values.ciphertext` is the only column that derives from a value.
 */

import { columnTypes } from '../db/migrations/column-types.js';
import type { MigrationSet } from '../db/migrations/run-migrations.js';
import { logoutHandleMigration } from './logout-handle-migration.js';

/** Roles of workspace members, strongest first; `SUPPORT` is granted only from the command line. */
export type VaultRole = 'OWNER' | 'ADMIN' | 'USER' | 'ANON' | 'SUPPORT';

/** A workspace and its data key, wrapped by the master key. */
export interface VaultWorkspacesTable {
  id: string;
  name: string;
  /** `v1.<master key id>.<base64url iv‖ciphertext‖tag>`. */
  wrapped_data_key: string;
  created_at: number;
  updated_at: number;
}

/** An application of a workspace, with its limits. */
export interface VaultApplicationsTable {
  id: string;
  workspace_id: string;
  name: string;
  /** JSON array of origins allowed to call `/auth/callback`. */
  allowed_origins: string;
  max_value_bytes: number;
  max_session_bytes: number;
  max_concurrent_sessions: number;
  session_ttl_ms: number;
  created_at: number;
}

/** A member of a workspace (an administrator of it), by Flowless user id. */
export interface VaultMembersTable {
  workspace_id: string;
  user_id: string;
  role: VaultRole;
  created_at: number;
}

/** A single-use invitation into a workspace; only the token's SHA-256 is stored. */
export interface VaultInvitesTable {
  id: string;
  workspace_id: string;
  token_hash: string;
  role: VaultRole;
  created_by: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

/** An end user of one application; `token_revision` invalidates older vault tokens when bumped. */
export interface VaultUsersTable {
  id: string;
  workspace_id: string;
  application_id: string;
  /** The Flowless user id the vault user was opened for. */
  subject: string;
  token_revision: number;
  created_at: number;
}

/** A vault session: the SHA-256 of its token and the user's revision when it was issued. */
export interface VaultSessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  application_id: string;
  workspace_id: string;
  revision: number;
  /** SHA-256 (hex) of the Flowless session the vault session was opened from. */
  source_session_hash: string;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
  /** SHA-256 (hex) of the session's logout handle (the `vault_logout` cookie); null before 0002. */
  logout_hash: string | null;
}

/** One encrypted value of a user; `version` goes up on every write and is bound into the ciphertext. */
export interface VaultValuesTable {
  user_id: string;
  key_name: string;
  workspace_id: string;
  application_id: string;
  ciphertext: string;
  size: number;
  version: number;
  updated_at: number;
}

/** An audit event in a workspace. */
export interface VaultAuditEventsTable {
  id: string;
  workspace_id: string;
  actor: string;
  action: string;
  target: string | null;
  created_at: number;
}

/** One Session API call, without values or tokens. */
export interface VaultApiAccessTable {
  id: string;
  workspace_id: string;
  application_id: string;
  user_id: string;
  method: string;
  route: string;
  status: number;
  created_at: number;
}

/** The vault's database. */
export interface VaultDatabase {
  vault_workspaces: VaultWorkspacesTable;
  vault_applications: VaultApplicationsTable;
  vault_members: VaultMembersTable;
  vault_invites: VaultInvitesTable;
  vault_users: VaultUsersTable;
  vault_sessions: VaultSessionsTable;
  vault_values: VaultValuesTable;
  vault_audit_events: VaultAuditEventsTable;
  vault_api_access: VaultApiAccessTable;
}

/** The vault's tables in dependency order (backup and restore walk them in this order). */
export const VAULT_TABLES = [
  'vault_workspaces',
  'vault_applications',
  'vault_members',
  'vault_invites',
  'vault_users',
  'vault_sessions',
  'vault_values',
  'vault_audit_events',
  'vault_api_access',
] as const satisfies readonly (keyof VaultDatabase)[];

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
      await db.schema
        .createIndex('vault_sessions_user_idx')
        .on('vault_sessions')
        .columns(['user_id'])
        .execute();
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
