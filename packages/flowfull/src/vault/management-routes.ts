/**
 * @module vaultManagementRoutes(): the Management API for workspace OWNERs and ADMINs —
 * `POST/GET/PATCH /workspaces`, `POST/GET /applications`, `POST/GET /invites`,
 * `POST /invites/accept` (invite-routes.ts) — plus the read routes of {@link registerAdminReadRoutes}. Every query is
 * scoped by the workspace the caller administers.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { BridgeValidator } from '../bridge/bridge-validator.js';
import { registerAdminReadRoutes } from './admin-read-routes.js';
import { writeAudit } from './audit.js';
import { registerInviteRoutes } from './invite-routes.js';
import { AUDIT_ROLES, flowlessCaller, type VaultAdminVariables, workspaceAdmin } from './management-auth.js';
import { parseManagementBody } from './management-body.js';
import type { SessionVault } from './session-vault.js';
import { createApplication, createWorkspace, presentApplication } from './workspaces.js';

/** Options of {@link vaultManagementRoutes}. */
export interface VaultManagementRoutesOptions {
  /** The vault. */
  vault: SessionVault;
  /** Validates the administrators' Flowless sessions. */
  validator: Pick<BridgeValidator, 'validateSession'>;
  /** Lifetime of an invitation in ms. @default 604800000 (7 days) */
  inviteTtlMs?: number;
}

const name = z.string().trim().min(1).max(200);
const workspaceBody = z.object({ name }).strict();
const applicationBody = z
  .object({
    name,
    allowed_origins: z.array(z.url()).max(50).default([]),
    max_value_bytes: z.number().int().min(1).max(16_777_216).optional(),
    max_session_bytes: z.number().int().min(1).max(268_435_456).optional(),
    max_concurrent_sessions: z.number().int().min(1).max(1000).optional(),
    session_ttl_ms: z.number().int().min(10_000).max(86_400_000).optional(),
  })
  .strict();

/**
 * The Management API as a Hono app to mount, e.g. under `/api/v1`.
 *
 * @example
 * ```ts
 * app.route('/api/v1', vaultManagementRoutes({ vault, validator }));
 * ```
 */
export function vaultManagementRoutes(
  options: VaultManagementRoutesOptions,
): Hono<{ Variables: VaultAdminVariables }> {
  const { vault, validator, inviteTtlMs = 604_800_000 } = options;
  const { db } = vault;
  const routes = new Hono<{ Variables: VaultAdminVariables }>();
  const caller = flowlessCaller(validator);
  const admin = workspaceAdmin(vault);

  routes.post('/workspaces', caller, async (c) => {
    const body = await parseManagementBody(workspaceBody, c.req);
    const id = await createWorkspace(db, vault.keys, {
      name: body.name,
      owner: c.get('vaultSubject'),
      now: vault.now(),
    });
    return c.json({ success: true, data: { id, name: body.name, role: 'OWNER' } }, 201);
  });
  routes.get('/workspaces', caller, async (c) => {
    const rows = await db
      .selectFrom('vault_members as m')
      .innerJoin('vault_workspaces as w', 'w.id', 'm.workspace_id')
      .select(['w.id', 'w.name', 'm.role'])
      .where('m.user_id', '=', c.get('vaultSubject'))
      .where('m.role', 'in', ['OWNER', 'ADMIN'])
      .orderBy('w.created_at')
      .execute();
    return c.json({ success: true, data: rows });
  });
  routes.patch('/workspaces', caller, admin, async (c) => {
    const body = await parseManagementBody(workspaceBody, c.req);
    const workspaceId = c.get('vaultWorkspaceId');
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('vault_workspaces')
        .set({ name: body.name, updated_at: vault.now() })
        .where('id', '=', workspaceId)
        .execute();
      await writeAudit(trx, {
        workspaceId,
        actor: c.get('vaultSubject'),
        action: 'workspace.renamed',
        target: workspaceId,
        now: vault.now(),
      });
    });
    return c.json({ success: true, data: { id: workspaceId, name: body.name } });
  });

  routes.post('/applications', caller, admin, async (c) => {
    const body = await parseManagementBody(applicationBody, c.req);
    const workspaceId = c.get('vaultWorkspaceId');
    const app = await createApplication(db, {
      workspaceId,
      name: body.name,
      allowedOrigins: body.allowed_origins,
      limits: {
        ...(body.max_value_bytes === undefined ? {} : { maxValueBytes: body.max_value_bytes }),
        ...(body.max_session_bytes === undefined ? {} : { maxSessionBytes: body.max_session_bytes }),
        ...(body.max_concurrent_sessions === undefined
          ? {}
          : { maxConcurrentSessions: body.max_concurrent_sessions }),
        ...(body.session_ttl_ms === undefined ? {} : { sessionTtlMs: body.session_ttl_ms }),
      },
      now: vault.now(),
    });
    await writeAudit(db, {
      workspaceId,
      actor: c.get('vaultSubject'),
      action: 'application.created',
      target: app.id,
      now: vault.now(),
    });
    return c.json({ success: true, data: app }, 201);
  });
  routes.get('/applications', caller, admin, async (c) => {
    const rows = await db
      .selectFrom('vault_applications')
      .selectAll()
      .where('workspace_id', '=', c.get('vaultWorkspaceId'))
      .orderBy('created_at')
      .execute();
    return c.json({ success: true, data: rows.map(presentApplication) });
  });

  registerInviteRoutes(routes, { vault, caller, admin, inviteTtlMs });
  registerAdminReadRoutes(routes, { vault, caller, admin, auditor: workspaceAdmin(vault, AUDIT_ROLES) });
  return routes;
}
