/**
 * @module The vault's tables (Kysely types; their migrations are in vault-migrations.ts). Times
 * are epoch milliseconds; `vault_values.ciphertext` is the only column that derives from a value.
 */

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
