/**
 * @module The Management API's reads: `GET /users`, `GET /users/:userId/values/:key` (a payload
 * read, audited in the same transaction: no audit row, no value), `GET /audit/events` and
 * `GET /audit/api-access`, each scoped by the caller's workspace.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { ApiError } from '../server/errors.js';
import { writeAudit } from './audit.js';
import type { VaultAdminVariables } from './management-auth.js';
import type { SessionVault } from './session-vault.js';
import { VAULT_KEY_NAME } from './value-store.js';

type Env = { Variables: VaultAdminVariables };

/** What {@link registerAdminReadRoutes} needs. */
export interface AdminReadRoutesContext {
  readonly vault: SessionVault;
  readonly caller: MiddlewareHandler<Env>;
  readonly admin: MiddlewareHandler<Env>;
  /** Guards the audit reads (OWNER, ADMIN and SUPPORT). */
  readonly auditor: MiddlewareHandler<Env>;
}

const LIMIT = 100;

/**
 * Registers the read routes on `routes`.
 *
 * @example
 * ```ts
 * registerAdminReadRoutes(routes, { vault, caller, admin: workspaceAdmin(vault), auditor: workspaceAdmin(vault, AUDIT_ROLES) });
 * ```
 */
export function registerAdminReadRoutes(routes: Hono<Env>, context: AdminReadRoutesContext): void {
  const { vault, caller, admin, auditor } = context;
  const { db } = vault;
  routes.get('/users', caller, admin, async (c) => {
    let query = db
      .selectFrom('vault_users')
      .select(['id', 'application_id', 'subject', 'created_at'])
      .where('workspace_id', '=', c.get('vaultWorkspaceId'));
    const applicationId = c.req.query('application_id');
    if (applicationId !== undefined) query = query.where('application_id', '=', applicationId);
    const rows = await query.orderBy('created_at').limit(LIMIT).execute();
    return c.json({ success: true, data: rows });
  });
  routes.get('/users/:userId/values/:key', caller, admin, async (c) => {
    const workspaceId = c.get('vaultWorkspaceId');
    const { userId, key } = c.req.param();
    const notFound = new ApiError(404, 'VAULT_VALUE_NOT_FOUND', 'No such user or value');
    if (!VAULT_KEY_NAME.test(key)) throw notFound;
    const value = await db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('vault_users')
        .select(['id', 'application_id'])
        .where('id', '=', userId)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (user === undefined) return null;
      // The audit row comes first and in the same transaction: if it cannot be written, nothing is read.
      await writeAudit(trx, {
        workspaceId,
        actor: c.get('vaultSubject'),
        action: 'value.read',
        target: `${user.id}/${key}`,
        now: vault.now(),
      });
      return vault.values.get({ userId: user.id, applicationId: user.application_id, workspaceId }, key, trx);
    });
    if (value === null) throw notFound;
    return c.json({
      success: true,
      data: { user_id: userId, key, value: JSON.parse(value.toString('utf8')) as unknown },
    });
  });
  routes.get('/audit/events', caller, auditor, async (c) => {
    const rows = await db
      .selectFrom('vault_audit_events')
      .select(['id', 'actor', 'action', 'target', 'created_at'])
      .where('workspace_id', '=', c.get('vaultWorkspaceId'))
      .orderBy('created_at', 'desc')
      .limit(LIMIT)
      .execute();
    return c.json({ success: true, data: rows });
  });
  routes.get('/audit/api-access', caller, auditor, async (c) => {
    // This instance's buffered rows first, so its own recent calls are listed.
    await vault.accessLog.flush();
    const rows = await db
      .selectFrom('vault_api_access')
      .select(['id', 'application_id', 'user_id', 'method', 'route', 'status', 'created_at'])
      .where('workspace_id', '=', c.get('vaultWorkspaceId'))
      .orderBy('created_at', 'desc')
      .limit(LIMIT)
      .execute();
    return c.json({ success: true, data: rows });
  });
}
