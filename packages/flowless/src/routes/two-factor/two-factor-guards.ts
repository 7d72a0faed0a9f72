/**
 * @module Guards and shared steps of the `/auth/two_factor` routes: the module switch, the session
 * guard that admits pending sessions where the flow needs them, the fresh proof sensitive changes
 * need, the per-user attempt budget, and the typed answers (stable `code`s).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { badRequest, FlowlessError, invalidSession, sessionExpired } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { refuseApiToken } from '../../http/middleware.js';
import { sessionIdFrom } from '../../http/session-id.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import { PRIMARY_METHODS } from '../../two-factor/two-factor-service.js';
import type { UserRecord } from '../../users/user-record.js';
import { confirmCurrentPassword, type GuardedChange } from '../me/current-password.js';

/** 403 `TWO_FACTOR_DISABLED`: the module is off (`TWO_FACTOR_ENABLED=false`). */
export function twoFactorDisabled(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_TWO_FACTOR_DISABLED', 'Two-factor authentication is disabled', {
    status: 403,
    extra: { code: 'TWO_FACTOR_DISABLED' },
  });
}

/** 400 `METHOD_UNAVAILABLE`: the method is not offered by this server (sms without a sender). */
export function methodUnavailable(method: string): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_METHOD_UNAVAILABLE', `Method ${method} is not available`, {
    status: 400,
    extra: { code: 'METHOD_UNAVAILABLE' },
  });
}

/** 400 `INVALID_CODE`, with the attempts left on a pending session when known. */
export function invalidCode(attemptsRemaining?: number): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_CODE', 'Invalid verification code', {
    status: 400,
    extra: {
      code: 'INVALID_CODE',
      verified: false,
      ...(attemptsRemaining !== undefined && {
        attempts_remaining: attemptsRemaining,
        attemptsRemaining,
      }),
    },
  });
}

/** 401 `TOO_MANY_ATTEMPTS`: the pending session spent its attempts and was ended. */
export function attemptsExhausted(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_SESSION', 'Too many wrong codes; sign in again', {
    status: 401,
    extra: { code: 'TOO_MANY_ATTEMPTS', valid: false, attempts_remaining: 0, attemptsRemaining: 0 },
  });
}

/** 403 `TWO_FACTOR_REQUIRED`: the user's type must keep a second factor. */
export function twoFactorRequired(message: string): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_TWO_FACTOR_REQUIRED', message, {
    status: 403,
    extra: { code: 'TWO_FACTOR_REQUIRED' },
  });
}

/**
 * Refuses every request while the module is off.
 */
export function twoFactorOn(services: FlowlessServices): MiddlewareHandler<FlowlessEnv> {
  return async function twoFactorOnMiddleware(_c, next) {
    if (!services.config.TWO_FACTOR_ENABLED) throw twoFactorDisabled();
    await next();
  };
}

/**
 * Requires a session; a pending one only when `allowPending`. Sets `session` and `sessionId`.
 */
export function twoFactorSession(
  services: FlowlessServices,
  allowPending: boolean,
): MiddlewareHandler<FlowlessEnv> {
  return async function twoFactorSessionMiddleware(c, next) {
    const id = sessionIdFrom(c, { allowQuery: true });
    refuseApiToken(id);
    if (!id) throw invalidSession();
    const result = await services.sessions.validate(id, { allowPending });
    if (!result.ok) throw result.reason === 'expired' ? sessionExpired() : invalidSession();
    c.set('sessionId', id);
    c.set('session', result.session);
    await next();
  };
}

/** The signed-in user, read afresh (a cached session may hold an older `two_factor`). */
export async function currentUser(services: FlowlessServices, c: Context<FlowlessEnv>): Promise<UserRecord> {
  const user = await services.users.findById(c.get('session').userId);
  if (!user || user.isBanned) throw invalidSession();
  return user;
}

/** Active primary factors (totp, email, sms) of a list. */
export function activePrimaries(methods: readonly TwoFactorMethodRecord[]): TwoFactorMethodRecord[] {
  return methods.filter((m) => m.status === 'active' && PRIMARY_METHODS.includes(m.method));
}

/**
 * Finds a factor by id or by method name, in the wanted status.
 */
export function pickFactor(
  methods: readonly TwoFactorMethodRecord[],
  wanted: { id?: string | undefined; method?: string | undefined },
  status: TwoFactorMethodRecord['status'],
): TwoFactorMethodRecord | null {
  const found = methods.find((m) =>
    wanted.id !== undefined ? m.id === wanted.id : wanted.method !== undefined && m.method === wanted.method,
  );
  if (!found || found.status !== status) return null;
  if (wanted.id !== undefined && wanted.method !== undefined && found.method !== wanted.method) return null;
  return found;
}

/**
 * Counts one code attempt on the user's budget before the code is checked.
 *
 * @throws FlowlessError 429 `TWO_FACTOR_LOCKED` once the window holds the maximum.
 */
export async function spendUserAttempt(services: FlowlessServices, userId: string): Promise<void> {
  const decision = await services.limits.byUser.twoFactor.hit(`user:${userId}`);
  if (decision.allowed) return;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  throw new FlowlessError('ERR_FLOWLESS_ACCOUNT_LOCKED', 'Too many wrong codes; try again later', {
    status: 429,
    headers: { 'Retry-After': String(seconds) },
    extra: { code: 'TWO_FACTOR_LOCKED', retry_after: seconds },
  });
}

/** The proof fields of a sensitive change, as parsed. */
export interface ProofInput {
  current_password?: string | undefined;
  verification_code?: string | undefined;
  verification_method_id?: string | undefined;
  verification_method?: string | undefined;
}

/**
 * Checks the fresh proof a sensitive change needs: a code of an active factor other than
 * `excludeId` (while the module is on), or else the current password (counted on the login lock;
 * a failure is logged as `change`, `two_factor_change` by default).
 *
 * @throws FlowlessError 400 when no proof is given or it is wrong.
 */
export async function confirmProof(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  user: UserRecord,
  proof: ProofInput,
  options: { excludeId?: string; change?: GuardedChange } = {},
): Promise<void> {
  if (proof.verification_code !== undefined) {
    if (!services.config.TWO_FACTOR_ENABLED) throw twoFactorDisabled();
    const methods = await services.twoFactor.methodsOf(user.id);
    const usable = methods.filter((m) => m.id !== options.excludeId);
    const wanted = { id: proof.verification_method_id, method: proof.verification_method };
    const factor =
      wanted.id !== undefined || wanted.method !== undefined ? pickFactor(usable, wanted, 'active') : null;
    if (!factor) throw badRequest('verification_method_id must name another active method');
    await spendUserAttempt(services, user.id);
    if (!(await services.twoFactor.checkCode(factor, proof.verification_code, c.get('session').hash))) {
      services.logger.info(
        { event: 'two_factor.proof_failed', user_id: user.id, method: factor.method },
        'second-factor proof failed',
      );
      throw invalidCode();
    }
    return;
  }
  if (proof.current_password !== undefined) {
    await confirmCurrentPassword(services, user.id, proof.current_password, {
      change: options.change ?? 'two_factor_change',
      ip: c.get('clientIp'),
    });
    return;
  }
  throw new FlowlessError('ERR_FLOWLESS_BAD_REQUEST', 'current_password or verification_code is required', {
    status: 400,
    extra: { code: 'PROOF_REQUIRED' },
  });
}
