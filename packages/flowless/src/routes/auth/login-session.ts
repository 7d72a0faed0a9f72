/**
 * @module The end of every sign-in (password, social, email link): a user with an active second
 * factor, or of a type that must use one, gets a pending session and the `requires_2fa` answer;
 * everyone else an active session. The session cookie is set and the outcome logged either way,
 * with the first factor named and never a secret; a completed sign-in (and the sign-up of a new
 * social user) is recorded in the audit log — a pending one is recorded when its second factor is.
 */
import type { Context } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SessionContext } from '../../sessions/session-record.js';
import type { UserRecord } from '../../users/user-record.js';
import { pendingAnswer } from '../two-factor/pending-answer.js';

/** A started session: active, or pending a second factor with the answer the clients expect. */
export type LoginSession =
  | { readonly pending: false; readonly id: string; readonly expiresAt: number }
  | {
      readonly pending: true;
      readonly id: string;
      readonly expiresAt: number;
      readonly answer: Record<string, unknown>;
    };

/**
 * Starts the session of a user whose first factor (`factor`: password, social, email_link) was
 * accepted; `log` adds fields to the log line (the provider, say).
 */
export async function startLoginSession(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  user: UserRecord,
  context: SessionContext,
  factor: string,
  log: Record<string, unknown> = {},
): Promise<LoginSession> {
  const { sessions, config, twoFactor, logger, clock } = services;
  const ip = c.get('clientIp');
  const details: Record<string, string> = { method: factor };
  if (typeof log.provider === 'string') details.provider = log.provider;
  // A social sign-in may create the account (`new_user`): that is the user's sign-up.
  if (log.new_user === true) {
    await auditRequest(c, services.audit, selfEvent('sign_up', user.id, details));
  }
  if (config.TWO_FACTOR_ENABLED) {
    const methods = await twoFactor.methodsOf(user.id);
    if (twoFactor.mustVerify(user, methods)) {
      // The first factor alone yields only a pending session, refused everywhere but the 2FA routes.
      const pending = await sessions.issue(user.id, context, { pending: true });
      setSessionCookie(c, pending.id, pending.expiresAt - clock.now(), config.SESSION_COOKIE_SECURE);
      logger.info(
        { event: 'login.second_factor_required', user_id: user.id, ip, factor, ...log },
        'first factor accepted, second factor required',
      );
      return {
        pending: true,
        id: pending.id,
        expiresAt: pending.expiresAt,
        answer: await pendingAnswer(services, user, pending.id, pending.expiresAt, methods),
      };
    }
  }
  const issued = await sessions.issue(user.id, context);
  setSessionCookie(c, issued.id, issued.expiresAt - clock.now(), config.SESSION_COOKIE_SECURE);
  logger.info({ event: 'login.succeeded', user_id: user.id, ip, factor, ...log }, 'login succeeded');
  await auditRequest(c, services.audit, selfEvent('sign_in.succeeded', user.id, details));
  return { pending: false, id: issued.id, expiresAt: issued.expiresAt };
}
