/**
 * @module vaultManagementRoutes(): the Management API for workspace OWNERs and ADMINs —
 * `POST/GET/PATCH /workspaces`, `POST/GET /applications`, `POST/GET /invites`,
 * `POST /invites/accept` — plus the read routes of {@link registerAdminReadRoutes}. Every query is
 * scoped by the workspace the caller administers.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { BridgeValidator } from '../bridge/bridge-validator.js';
import { ApiError } from '../server/errors.js';
import { registerAdminReadRoutes } from './admin-read-routes.js';
import { writeAudit } from './audit.js';
import { AUDIT_ROLES, flowlessCaller, type VaultAdminVariables, workspaceAdmin } from './management-auth.js';
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
const inviteBody = z.object({ role: z.enum(['ADMIN', 'USER', 'ANON']) }).strict();
const acceptBody = z.object({ token: z.string().min(1).max(200) }).strict();

async function parse<T>(schema: z.ZodType<T>, request: { json(): Promise<unknown> }): Promise<T> {
  const parsed = schema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(422, 'VAULT_BODY_INVALID', 'Request body is invalid');
  return parsed.data;
}

const hashInvite = (token: string): string => createHash('sha256').update(token).digest('hex');

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
    const body = await parse(workspaceBody, c.req);
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
    const body = await parse(workspaceBody, c.req);
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
    const body = await parse(applicationBody, c.req);
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

  routes.post('/invites', caller, admin, async (c) => {
    const { role } = await parse(inviteBody, c.req);
    const workspaceId = c.get('vaultWorkspaceId');
    const token = `vi_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const now = vault.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('vault_invites')
        .values({
          id,
          workspace_id: workspaceId,
          token_hash: hashInvite(token),
          role,
          created_by: c.get('vaultSubject'),
          expires_at: now + inviteTtlMs,
          used_at: null,
          created_at: now,
        })
        .execute();
      await writeAudit(trx, {
        workspaceId,
        actor: c.get('vaultSubject'),
        action: 'invite.created',
        target: id,
        now,
      });
    });
    return c.json(
      { success: true, data: { id, role, token, expires_at: new Date(now + inviteTtlMs).toISOString() } },
      201,
    );
  });
  routes.get('/invites', caller, admin, async (c) => {
    const rows = await db
      .selectFrom('vault_invites')
      .select(['id', 'role', 'created_by', 'expires_at', 'used_at', 'created_at'])
      .where('workspace_id', '=', c.get('vaultWorkspaceId'))
      .orderBy('created_at')
      .execute();
    return c.json({ success: true, data: rows });
  });
  routes.post('/invites/accept', caller, async (c) => {
    const { token } = await parse(acceptBody, c.req);
    const subject = c.get('vaultSubject');
    const now = vault.now();
    const accepted = await db.transaction().execute(async (trx) => {
      // Claimed with a conditional update: of two concurrent accepts, one updates the row.
      const invite = await trx
        .selectFrom('vault_invites')
        .selectAll()
        .where('token_hash', '=', hashInvite(token))
        .executeTakeFirst();
      if (invite === undefined || invite.used_at !== null || now >= Number(invite.expires_at)) return null;
      const claimed = await trx
        .updateTable('vault_invites')
        .set({ used_at: now })
        .where('id', '=', invite.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return null;
      const existing = await trx
        .selectFrom('vault_members')
        .select('role')
        .where('workspace_id', '=', invite.workspace_id)
        .where('user_id', '=', subject)
        .executeTakeFirst();
      if (existing === undefined) {
        await trx
          .insertInto('vault_members')
          .values({ workspace_id: invite.workspace_id, user_id: subject, role: invite.role, created_at: now })
          .execute();
      }
      await writeAudit(trx, {
        workspaceId: invite.workspace_id,
        actor: subject,
        action: 'invite.accepted',
        target: invite.id,
        now,
      });
      return { workspace_id: invite.workspace_id, role: existing?.role ?? invite.role };
    });
    if (accepted === null)
      throw new ApiError(404, 'VAULT_INVITE_NOT_FOUND', 'No such invitation, or it was used or expired');
    return c.json({ success: true, data: accepted });
  });

  registerAdminReadRoutes(routes, { vault, caller, admin, auditor: workspaceAdmin(vault, AUDIT_ROLES) });
  return routes;
}
