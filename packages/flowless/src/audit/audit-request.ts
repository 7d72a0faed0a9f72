/**
 * @module Records an audit event from inside a request: the client IP (after `TRUSTED_PROXIES`)
 * and the user agent come from the request, the rest from the caller.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../http/flowless-env.js';
import type { AuditEvent } from './audit-event.js';
import type { AuditLog } from './audit-log.js';

/** An event without what the request supplies. */
export type RequestAuditEvent = Omit<AuditEvent, 'ip' | 'userAgent'>;

/**
 * Records `event` with the request's IP and user agent.
 *
 * @example
 * ```ts
 * await auditRequest(c, services.audit, { action: 'sign_up', outcome: 'success', actorUserId: user.id });
 * ```
 */
export function auditRequest(
  c: Context<FlowlessEnv>,
  audit: AuditLog,
  event: RequestAuditEvent,
): Promise<void> {
  const ip = c.get('clientIp');
  return audit.record({
    ...event,
    ip: ip === undefined || ip === 'unknown' ? null : ip,
    userAgent: c.req.header('user-agent') ?? null,
  });
}

/** The event of a user acting on their own account (signing in, changing a factor). */
export function selfEvent(
  action: AuditEvent['action'],
  userId: string,
  details?: AuditEvent['details'],
  outcome: AuditEvent['outcome'] = 'success',
): RequestAuditEvent {
  return { action, outcome, actorUserId: userId, subjectUserId: userId, ...(details && { details }) };
}
