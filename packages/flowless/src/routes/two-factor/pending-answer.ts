/**
 * @module The answer for a session waiting for its second factor: `success: false`,
 * `requires_2fa` (both casings), the pending session id, the methods the user can finish with, and
 * the user. Login gives it with HTTP 200; session validation with 401, so clients that take any
 * 2xx for a valid session do not, and with an `error` other than "Invalid session" or "Session
 * expired", so they keep the pending id the second-factor routes need.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { pendingLoginResult } from '../../http/presenters.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SessionRecord } from '../../sessions/session-record.js';
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import { presentMethod } from '../../two-factor/present-method.js';
import type { UserRecord } from '../../users/user-record.js';

/**
 * The `requires_2fa` answer for the pending session `sessionId` of `user`; `methods` are the
 * user's factors when already read.
 */
export async function pendingAnswer(
  services: FlowlessServices,
  user: UserRecord,
  sessionId: string,
  expiresAt: number,
  methods?: readonly TwoFactorMethodRecord[],
): Promise<ReturnType<typeof pendingLoginResult>> {
  const { twoFactor } = services;
  const usable = await twoFactor.loginMethods(user, methods ?? (await twoFactor.methodsOf(user.id)));
  return pendingLoginResult(user, sessionId, expiresAt, usable.map(presentMethod));
}

/**
 * Answers a validation of a pending session: 401 with the `requires_2fa` answer and the error
 * "Two-factor authentication required" (`code: TWO_FACTOR_PENDING`).
 */
export async function pendingValidationAnswer(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  sessionId: string,
  session: SessionRecord,
): Promise<Response> {
  const answer = await pendingAnswer(services, session.user, sessionId, session.expiresAt);
  return c.json(
    { ...answer, valid: false, error: 'Two-factor authentication required', code: 'TWO_FACTOR_PENDING' },
    401,
  );
}
