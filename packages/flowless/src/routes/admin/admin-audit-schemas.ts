/**
 * @module The query of `GET /auth/admin/audit`: filters and the page, in snake_case.
 */
import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../audit/audit-event.js';
import { AUDIT_PAGE_MAX } from '../../audit/audit-log.js';

const userId = z.string().min(1).max(255);
const instant = z.iso.datetime({ offset: true });

/** `GET /auth/admin/audit` query. */
export const auditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  actor_user_id: userId.optional(),
  subject_user_id: userId.optional(),
  /** Events where this user is the actor or the subject. */
  user_id: userId.optional(),
  /** ISO 8601, inclusive. */
  from: instant.optional(),
  /** ISO 8601, exclusive. */
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  /** The `next_cursor` of the previous page. */
  cursor: z.string().max(64).optional(),
});
