/**
 * @module Who calls the Management API: the Flowless user behind `X-Session-ID` (validated by the
 * BridgeValidator) and, for workspace routes, their membership of the workspace named in
 * `X-Workspace-ID`. Only OWNER and ADMIN pass; a workspace the caller is not an administrator of
 * answers exactly as one that does not exist.
 */
import type { MiddlewareHandler } from 'hono';
import type { BridgeValidator } from '../bridge/bridge-validator.js';
import { failureStatus } from '../bridge/types.js';
import { ApiError } from '../server/errors.js';
import type { SessionVault } from './session-vault.js';
import type { VaultRole } from './vault-tables.js';

/** Context variables of the Management API. */
export interface VaultAdminVariables {
  /** The caller's Flowless user id. */
  vaultSubject: string;
  /** The workspace the caller administers in this request. */
  vaultWorkspaceId: string;
  /** The caller's role in it. */
  vaultRole: VaultRole;
}

/** Roles allowed to use the Management API. */
export const MANAGEMENT_ROLES: readonly VaultRole[] = ['OWNER', 'ADMIN'];

/** Roles allowed to read the audit log: the managers, and SUPPORT (granted from the command line only). */
export const AUDIT_ROLES: readonly VaultRole[] = ['OWNER', 'ADMIN', 'SUPPORT'];

/** The one answer for a workspace that does not exist or is not the caller's to manage. */
export const workspaceNotFound = (): ApiError =>
  new ApiError(404, 'VAULT_WORKSPACE_NOT_FOUND', 'No such workspace');

/**
 * Requires a valid Flowless session; sets `vaultSubject`.
 *
 * @example
 * ```ts
 * routes.post('/workspaces', flowlessCaller(validator), handler);
 * ```
 */
export function flowlessCaller(
  validator: Pick<BridgeValidator, 'validateSession'>,
): MiddlewareHandler<{ Variables: VaultAdminVariables }> {
  return async function flowlessCaller(c, next) {
    const result = await validator.validateSession(c.req.header('X-Session-ID') ?? null);
    if (!result.success) throw new ApiError(failureStatus(result.code), result.code, result.error);
    c.set('vaultSubject', result.session.user_id);
    await next();
  };
}

/**
 * Requires the caller to hold one of `roles` (OWNER or ADMIN by default) in the workspace in
 * `X-Workspace-ID`; sets
 * `vaultWorkspaceId` and `vaultRole`. Run after {@link flowlessCaller}.
 *
 * @example
 * ```ts
 * routes.get('/applications', flowlessCaller(validator), workspaceAdmin(vault), handler);
 * ```
 */
export function workspaceAdmin(
  vault: SessionVault,
  roles: readonly VaultRole[] = MANAGEMENT_ROLES,
): MiddlewareHandler<{ Variables: VaultAdminVariables }> {
  return async function workspaceAdmin(c, next) {
    const workspaceId = c.req.header('X-Workspace-ID') ?? '';
    const member =
      workspaceId === ''
        ? undefined
        : await vault.db
            .selectFrom('vault_members')
            .select('role')
            .where('workspace_id', '=', workspaceId)
            .where('user_id', '=', c.get('vaultSubject'))
            .executeTakeFirst();
    if (member === undefined || !roles.includes(member.role)) throw workspaceNotFound();
    c.set('vaultWorkspaceId', workspaceId);
    c.set('vaultRole', member.role);
    await next();
  };
}
