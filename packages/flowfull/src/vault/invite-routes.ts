/**
 * @module The Management API's invitations: `POST/GET /invites` for workspace OWNERs and ADMINs,
 * and `POST /invites/accept` for any signed-in caller. Only the SHA-256 of an invite token is
 * stored; an invite is claimed once, by a conditional update.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ApiError } from '../server/errors.js';
import { writeAudit } from './audit.js';
import type { VaultAdminVariables } from './management-auth.js';
import { parseManagementBody } from './management-body.js';
import type { SessionVault } from './session-vault.js';

type Env = { Variables: VaultAdminVariables };

/** What {@link registerInviteRoutes} needs. */
export interface InviteRoutesContext {
  readonly vault: SessionVault;
  readonly caller: MiddlewareHandler<Env>;
  readonly admin: MiddlewareHandler<Env>;
  /** Lifetime of an invitation in ms. */
  readonly inviteTtlMs: number;
}

const inviteBody = z.object({ role: z.enum(['ADMIN', 'USER', 'ANON']) }).strict();
const acceptBody = z.object({ token: z.string().min(1).max(200) }).strict();

const hashInvite = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Claims the unused, unexpired invite whose token hashes to `tokenHash` for `subject` (made a
 * member with the invite's role unless already one) and audits it; null when there is none.
 */
async function acceptInvite(
  db: SessionVault['db'],
  tokenHash: string,
  subject: string,
  now: number,
): Promise<{ workspace_id: string; role: string } | null> {
  return db.transaction().execute(async (trx) => {
    // Claimed with a conditional update: of two concurrent accepts, one updates the row.
    const invite = await trx
      .selectFrom('vault_invites')
      .selectAll()
      .where('token_hash', '=', tokenHash)
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
}

/**
 * Registers the invitation routes on `routes`.
 */
export function registerInviteRoutes(routes: Hono<Env>, context: InviteRoutesContext): void {
  const { vault, caller, admin, inviteTtlMs } = context;
  const { db } = vault;
  routes.post('/invites', caller, admin, async (c) => {
    const { role } = await parseManagementBody(inviteBody, c.req);
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
    const { token } = await parseManagementBody(acceptBody, c.req);
    const subject = c.get('vaultSubject');
    const now = vault.now();
    const accepted = await acceptInvite(db, hashInvite(token), subject, now);
    if (accepted === null)
      throw new ApiError(404, 'VAULT_INVITE_NOT_FOUND', 'No such invitation, or it was used or expired');
    return c.json({ success: true, data: accepted });
  });
}
