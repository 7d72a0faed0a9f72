/**
 * @module Announces a change of a user's second factors: the notice mail to the user and one
 * audit event (a passkey added or removed is a `passkey.*` event, any other factor a
 * `two_factor.*` one), from the request that made the change.
 */
import type { Context } from 'hono';
import type { AuditAction } from '../../audit/audit-event.js';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { TwoFactorChange } from '../../mail/templates.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';

/** The audit action of a change of `method`. */
function actionOf(change: TwoFactorChange, method: string | undefined): AuditAction {
  if (method === 'passkey' && change === 'method_added') return 'passkey.added';
  if (method === 'passkey' && change === 'method_removed') return 'passkey.removed';
  return `two_factor.${change}`;
}

/**
 * Mails the change notice and records the audit event.
 */
export async function announceTwoFactorChange(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  user: UserRecord,
  change: TwoFactorChange,
  method?: string,
): Promise<void> {
  services.twoFactor.notify(user, change, method);
  await auditRequest(
    c,
    services.audit,
    selfEvent(actionOf(change, method), user.id, method ? { method } : undefined),
  );
}
