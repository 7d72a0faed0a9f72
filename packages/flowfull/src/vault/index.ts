/**
 * @module flowfull/vault: the session vault — per-user encrypted values in workspaces and
 * applications, envelope encryption under a master key, short-lived opaque session tokens with
 * instant revocation, and Hono route factories for the Session API and sign-in.
 */

export { AccessLog, type AccessLogOptions } from './access-log.js';
export { type AdminReadRoutesContext, registerAdminReadRoutes } from './admin-read-routes.js';
export { type AuditEvent, writeAudit } from './audit.js';
export { type VaultAuthRoutesOptions, vaultAuthRoutes } from './auth-routes.js';
export { type BackupReport, createBackup, describeBackup, restoreBackup } from './backup.js';
export { DataKeys } from './data-keys.js';
export {
  decryptValue,
  encryptValue,
  generateDataKey,
  unwrapDataKey,
  type ValuePlace,
  wrapDataKey,
  wrappingKeyId,
} from './envelope.js';
export { VaultError, type VaultErrorCode } from './errors.js';
export type { VaultLogoutCookieOptions } from './logout-route.js';
export {
  AUDIT_ROLES,
  flowlessCaller,
  MANAGEMENT_ROLES,
  type VaultAdminVariables,
  workspaceAdmin,
  workspaceNotFound,
} from './management-auth.js';
export { type VaultManagementRoutesOptions, vaultManagementRoutes } from './management-routes.js';
export {
  DEVELOPMENT_MASTER_KEY_FILE,
  generateMasterKey,
  loadMasterKey,
  type MasterKey,
  type MasterKeySettings,
  parseMasterKey,
} from './master-key.js';
export { type RotationReport, rotateMasterKey } from './rotate-master-key.js';
export {
  bearerToken,
  type VaultSessionVariables,
  vaultSessionRoutes,
  vaultTokenAuth,
} from './session-routes.js';
export {
  applyFlowlessRevocation,
  authenticateVaultToken,
  endVaultSession,
  hashVaultToken,
  type OpenSessionResult,
  openVaultSession,
  revokeSubject,
  revokeUser,
  type VaultCaller,
  type VaultTokenCheck,
} from './session-tokens.js';
export { createSessionVault, type SessionVault, type SessionVaultOptions } from './session-vault.js';
export {
  type SetValueResult,
  VAULT_KEY_NAME,
  type ValueOwner,
  ValueStore,
  type VaultKeyInfo,
} from './value-store.js';
export { VAULT_MIGRATION_TABLE, vaultMigrations } from './vault-migrations.js';
export {
  VAULT_TABLES,
  type VaultApiAccessTable,
  type VaultApplicationsTable,
  type VaultAuditEventsTable,
  type VaultDatabase,
  type VaultInvitesTable,
  type VaultMembersTable,
  type VaultRole,
  type VaultSessionsTable,
  type VaultUsersTable,
  type VaultValuesTable,
  type VaultWorkspacesTable,
} from './vault-tables.js';
export {
  type ApplicationLimits,
  createApplication,
  createWorkspace,
  DEFAULT_APPLICATION_LIMITS,
  grantSupport,
  presentApplication,
  type VaultApplication,
} from './workspaces.js';
