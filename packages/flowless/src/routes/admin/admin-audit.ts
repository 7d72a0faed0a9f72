/**
 * @module The audit side of the admin routes: the target user of a route (found, and allowed to
 * the acting admin, or the refusal recorded), one event per admin action, and the action an
 * update amounts to (a ban, an unban, a type change, a second-factor reset or a plain edit).
 */
import type { Context } from 'hono';
import type { AuditAction, AuditDetails } from '../../audit/audit-event.js';
import { auditRequest } from '../../audit/audit-request.js';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';
import { findAdminTarget } from './admin-user-actions.js';

/** Records one admin action on `subjectId` by the signed-in admin. */
export function recordAdminAction(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  action: AuditAction,
  subjectId: string | null,
  details?: AuditDetails,
): Promise<void> {
  return auditRequest(c, services.audit, {
    action,
    outcome: 'success',
    actorUserId: c.get('session').userId,
    subjectUserId: subjectId,
    ...(details && { details }),
  });
}

/**
 * Records `admin.access_denied` and returns the 403 to throw: an admin reached a route but may
 * not do this to this user (a superadmin-only change).
 */
export async function adminDenied(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  subjectId: string | null,
  message: string,
): Promise<FlowlessError> {
  await auditRequest(c, services.audit, {
    action: 'admin.access_denied',
    outcome: 'denied',
    actorUserId: c.get('session').userId,
    subjectUserId: subjectId,
    details: { route: `${c.req.method} ${c.req.routePath}`, reason: 'superadmin_only' },
  });
  return new FlowlessError('ERR_FLOWLESS_FORBIDDEN', message, { status: 403 });
}

/**
 * The user named by the `:id` of the route, when the acting admin may change it.
 *
 * @throws FlowlessError 404 for an unknown user; 403 (recorded) for a superadmin and a plain admin.
 */
export function adminTarget(c: Context<FlowlessEnv>, services: FlowlessServices): Promise<UserRecord> {
  const id = c.req.param('id') ?? '';
  return recordingDenial(c, services, id, findAdminTarget(services, c.get('session'), id));
}

/**
 * The outcome of an admin's `work` on `subjectId`; a 403 refusal of it is recorded as
 * `admin.access_denied` before it is passed on.
 */
export async function recordingDenial<T>(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  subjectId: string,
  work: Promise<T>,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof FlowlessError && error.status === 403) {
      throw await adminDenied(c, services, subjectId, error.message);
    }
    throw error;
  }
}

/** The one action an update of `before` into `after` amounts to, and its details (field names only). */
export function updateEvent(
  before: UserRecord,
  after: UserRecord,
  fields: readonly string[],
): { action: AuditAction; details: AuditDetails } {
  const details = { fields: [...fields] };
  if (after.isBanned !== before.isBanned) {
    return { action: after.isBanned ? 'admin.user_banned' : 'admin.user_unbanned', details };
  }
  if (after.userType !== before.userType) {
    return {
      action: 'admin.user_type_changed',
      details: { ...details, from_type: before.userType, to_type: after.userType },
    };
  }
  if (before.twoFactor && !after.twoFactor) return { action: 'admin.two_factor_reset', details };
  return { action: 'admin.user_updated', details };
}
