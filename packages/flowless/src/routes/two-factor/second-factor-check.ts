/**
 * @module The counted check of a second factor, shared by `POST /auth/two_factor/verify` and the
 * hosted second-factor page: each code attempt (or passkey assertion) is counted before it is
 * checked, on the pending session (TWO_FACTOR_MAX_ATTEMPTS, then it can no longer be verified and
 * expires within TWO_FACTOR_PENDING_TTL_MS) and on the user (TWO_FACTOR_USER_MAX_FAILURES per
 * TWO_FACTOR_FAILURE_WINDOW_MS, across sessions and methods), so a concurrent burst cannot exceed
 * either cap. A verified login promotes the pending session (the same id).
 */
import type { Context } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { badRequest, FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import type { UserRecord } from '../../users/user-record.js';
import { checkPasskeyAssertion } from './passkey-verify.js';
import { attemptsExhausted, invalidCode, spendUserAttempt } from './two-factor-guards.js';

/** What a factor is checked with: a code, or a passkey assertion. */
export interface FactorProof {
  readonly code?: string | undefined;
  readonly credential?: Record<string, unknown> | undefined;
}

/** 409: the session has no second factor left to verify. */
export const alreadyVerified = (): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_CONFLICT', 'This session is already verified', { status: 409 });

/** Checks the code (or passkey assertion) of `proof` against `factor`; true once per code. */
function checkFactor(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  factor: TwoFactorMethodRecord,
  proof: FactorProof,
): Promise<boolean> {
  const sessionHash = c.get('session').hash;
  if (factor.method === 'passkey') return checkPasskeyAssertion(services, factor.userId, sessionHash, proof);
  if (proof.code === undefined) throw badRequest('code is required');
  return services.twoFactor.checkCode(factor, proof.code, sessionHash);
}

/**
 * Checks one code (or passkey assertion) of the session's user against `factor`, counted on the
 * user's attempt budget first (reset by a success), and logs the outcome; true once per code.
 * A pending session's own budget is {@link checkCountedFactor}'s.
 *
 * @throws FlowlessError 429 `TWO_FACTOR_LOCKED` when the user's budget is spent.
 */
export async function checkCountedCode(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  user: UserRecord,
  factor: TwoFactorMethodRecord,
  proof: FactorProof,
  action: 'login' | 'setup' | 'remove',
): Promise<boolean> {
  await spendUserAttempt(services, user.id);
  const ok = await checkFactor(services, c, factor, proof);
  services.logger.info(
    {
      event: 'two_factor.verify',
      user_id: user.id,
      method: factor.method,
      action,
      outcome: ok ? 'success' : 'failure',
    },
    ok ? 'second factor verified' : 'second factor refused',
  );
  if (ok) await services.limits.byUser.twoFactor.reset(`user:${user.id}`);
  return ok;
}

/**
 * Counts the attempt, then checks `proof` against `factor` for the request's session
 * (`c.get('session')`, `c.get('sessionId')`); `action` is logged.
 *
 * @throws FlowlessError 400 `INVALID_CODE` (with the attempts left), 401 `TOO_MANY_ATTEMPTS`,
 *   429 `TWO_FACTOR_LOCKED`.
 */
export async function checkCountedFactor(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  user: UserRecord,
  factor: TwoFactorMethodRecord,
  proof: FactorProof,
  action: 'login' | 'setup' | 'remove',
): Promise<void> {
  const { sessions, config } = services;
  let attemptsLeft: number | undefined;
  if (c.get('session').pending) {
    // A spent session is left to expire rather than deleted: a correct code reserved before
    // the budget ran out may still be promoting it.
    const left = await sessions.reserveAttempt(c.get('sessionId'), config.TWO_FACTOR_MAX_ATTEMPTS);
    if (left === null) throw attemptsExhausted();
    attemptsLeft = left;
  }
  const ok = await checkCountedCode(services, c, user, factor, proof, action);
  if (!ok) {
    if (action === 'login') {
      const details = { second_factor: factor.method, reason: 'invalid_code' };
      await auditRequest(c, services.audit, selfEvent('sign_in.failed', user.id, details, 'failure'));
    }
    throw attemptsLeft === 0 ? attemptsExhausted() : invalidCode(attemptsLeft);
  }
}

/**
 * Promotes the request's pending session to an active one verified by `method`, and renews its
 * cookie; returns its new expiry.
 *
 * @throws FlowlessError 409 {@link alreadyVerified} when another request promoted it first.
 */
export async function promotePendingSession(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  user: UserRecord,
  method: string,
): Promise<number> {
  const rawId = c.get('sessionId');
  const promoted = await services.sessions.promote(rawId, method);
  if (!promoted) throw alreadyVerified();
  const { config, clock, logger } = services;
  setSessionCookie(c, rawId, promoted.expiresAt - clock.now(), config.SESSION_COOKIE_SECURE);
  logger.info(
    { event: 'login.succeeded', user_id: user.id, ip: c.get('clientIp'), factor: method },
    'login succeeded',
  );
  await auditRequest(c, services.audit, selfEvent('sign_in.succeeded', user.id, { second_factor: method }));
  return promoted.expiresAt;
}
