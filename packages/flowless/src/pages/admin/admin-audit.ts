/**
 * @module What the admin pages record of each admin action: who did what to whom, from where.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SessionRecord } from '../../sessions/session-record.js';
import type { UserRecord } from '../../users/user-record.js';

/** The actions the admin pages record. */
export type AdminAction =
  | 'admin.user_created'
  | 'admin.user_updated'
  | 'admin.user_type_changed'
  | 'admin.user_banned'
  | 'admin.user_unbanned'
  | 'admin.two_factor_reset'
  | 'admin.configuration_viewed'
  | 'admin.access_denied';

/**
 * Records one admin action of `actor` on `subject`.
 */
export async function recordAdminAction(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  actor: SessionRecord,
  action: AdminAction,
  subject?: UserRecord,
): Promise<void> {
  services.logger.info(
    { event: action, admin_id: actor.userId, user_id: subject?.id ?? null, ip: c.get('clientIp') ?? null },
    'admin action',
  );
}
