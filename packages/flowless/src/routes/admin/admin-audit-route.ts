/**
 * @module `GET /auth/admin/audit`: the audit log as JSON, newest first, for admins and
 * superadmins. Filters: `action`, `outcome`, `actor_user_id`, `subject_user_id`, `user_id`
 * (either), `from`/`to` (ISO 8601); pages by `limit` and the `cursor` the previous page returned
 * as `next_cursor`. Takes the per-IP `default` limit, counted before the session check.
 */
import type { Hono } from 'hono';
import type { AuditRecord } from '../../audit/audit-event.js';
import type { AuditFilter } from '../../audit/audit-store.js';
import { iso } from '../../db/values.js';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireAdmin, requireSession } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { auditQuery } from './admin-audit-schemas.js';

/** The JSON shape of one event. */
function presentAuditEvent(event: AuditRecord) {
  return {
    id: event.id,
    occurred_at: iso(event.occurredAt),
    action: event.action,
    outcome: event.outcome,
    actor_user_id: event.actorUserId,
    subject_user_id: event.subjectUserId,
    ip: event.ip,
    user_agent: event.userAgent,
    details: event.details,
  };
}

/**
 * Registers `GET /auth/admin/audit`.
 */
export function registerAdminAuditRoute(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const guards = [rateLimit(services, 'default'), requireSession(services), requireAdmin(services)] as const;
  app.get('/auth/admin/audit', ...guards, async (c) => {
    const parsed = auditQuery.safeParse(c.req.query());
    if (!parsed.success) {
      throw new FlowlessError('ERR_FLOWLESS_BAD_REQUEST', 'Invalid audit query', { status: 400 });
    }
    const q = parsed.data;
    const filter: AuditFilter = {
      ...(q.action && { action: q.action }),
      ...(q.outcome && { outcome: q.outcome }),
      ...(q.actor_user_id && { actorUserId: q.actor_user_id }),
      ...(q.subject_user_id && { subjectUserId: q.subject_user_id }),
      ...(q.user_id && { userId: q.user_id }),
      ...(q.from && { from: Date.parse(q.from) }),
      ...(q.to && { to: Date.parse(q.to) }),
    };
    const page = await services.audit.query(filter, { limit: q.limit, cursor: q.cursor ?? null });
    return c.json({
      success: true,
      events: page.events.map(presentAuditEvent),
      next_cursor: page.nextCursor,
    });
  });
}
