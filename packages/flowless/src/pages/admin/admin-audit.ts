/**
 * @module What the admin pages record in the audit log: who did what to whom, from where, with
 * the allow-listed details (changed field names, types, scope), never a value a person typed.
 */
import type { Context } from 'hono';
import type { AuditAction, AuditDetails, AuditOutcome } from '../../audit/audit-event.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SessionRecord } from '../../sessions/session-record.js';
import type { UserRecord } from '../../users/user-record.js';

/** What an admin action adds to its event. */
export interface AdminActionDetails {
  subject?: UserRecord | undefined;
  outcome?: AuditOutcome;
  details?: AuditDetails;
}

/**
 * Records one admin action of `actor`, with the request's IP and user agent.
 */
export function recordAdminAction(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  actor: SessionRecord,
  action: AuditAction,
  extra: AdminActionDetails = {},
): Promise<void> {
  const ip = c.get('clientIp');
  return services.audit.record({
    action,
    outcome: extra.outcome ?? 'success',
    actorUserId: actor.userId,
    subjectUserId: extra.subject?.id ?? null,
    ip: ip === undefined || ip === 'unknown' ? null : ip,
    userAgent: c.req.header('user-agent') ?? null,
    ...(extra.details && { details: extra.details }),
  });
}
