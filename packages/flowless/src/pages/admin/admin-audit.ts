/**
 * @module What the admin pages record in the audit log, as the JSON admin routes do: who did what
 * to whom, from where, with the allow-listed details (changed field names, types, scope), never a
 * value a person typed; a refusal as `admin.access_denied` naming the route and the reason.
 */
import type { Context } from 'hono';
import type { AuditAction, AuditDetails, AuditOutcome } from '../../audit/audit-event.js';
import { auditRequest } from '../../audit/audit-request.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SessionRecord } from '../../sessions/session-record.js';

/** What an admin action adds to its event. */
export interface AdminActionDetails {
  subjectUserId?: string | null;
  outcome?: AuditOutcome;
  details?: AuditDetails;
}

/**
 * Records one action of the page's `actor`, with the request's IP and user agent.
 */
export function recordAdminAction(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  actor: SessionRecord,
  action: AuditAction,
  extra: AdminActionDetails = {},
): Promise<void> {
  return auditRequest(c, services.audit, {
    action,
    outcome: extra.outcome ?? 'success',
    actorUserId: actor.userId,
    subjectUserId: extra.subjectUserId ?? null,
    ...(extra.details && { details: extra.details }),
  });
}

/**
 * Records that `actor` was refused this admin route: `not_admin` (not an admin at all) or
 * `superadmin_only` (an admin acting on a superadmin, or on the superadmin type).
 */
export function recordAdminDenial(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  actor: SessionRecord,
  reason: 'not_admin' | 'superadmin_only',
  subjectUserId: string | null = null,
): Promise<void> {
  return recordAdminAction(services, c, actor, 'admin.access_denied', {
    subjectUserId,
    outcome: 'denied',
    details: { route: `${c.req.method} ${c.req.routePath}`, reason },
  });
}
