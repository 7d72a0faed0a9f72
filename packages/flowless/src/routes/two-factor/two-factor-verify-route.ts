/**
 * @module `POST /auth/two_factor/verify` with its three actions:
 * `login` promotes the pending session (the same id) to an active, second-factor-verified one;
 * `setup` activates a pending factor, or stores a new passkey (the first factor turns 2FA on and
 * yields backup codes); `remove` deletes the factor whose code is given. Each code attempt (or
 * passkey assertion) is counted before it is checked: on the pending session
 * (TWO_FACTOR_MAX_ATTEMPTS, then it can no longer be verified and expires within
 * TWO_FACTOR_PENDING_TTL_MS) and on the user (TWO_FACTOR_USER_MAX_FAILURES per
 * TWO_FACTOR_FAILURE_WINDOW_MS, across sessions and methods), so a concurrent burst cannot exceed
 * either cap.
 */
import type { Context, Hono } from 'hono';
import { FlowlessError, invalidSession } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { loginResult } from '../../http/presenters.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import type { UserRecord } from '../../users/user-record.js';
import { registerPasskey } from './passkey-verify.js';
import { alreadyVerified, checkCountedFactor, promotePendingSession } from './second-factor-check.js';
import { announceTwoFactorChange } from './two-factor-change.js';
import {
  activePrimaries,
  confirmProof,
  currentUser,
  methodUnavailable,
  pickFactor,
  twoFactorOn,
  twoFactorSession,
} from './two-factor-guards.js';
import { removeFactor } from './two-factor-manage-routes.js';
import { verifyBody } from './two-factor-schemas.js';

/** The parsed body of `POST /auth/two_factor/verify`. */
export type VerifyBody = ReturnType<typeof verifyBody.parse>;

/** Promotes the pending session of the request and answers like a login. */
async function activate(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  user: UserRecord,
  method: string,
  extra: object,
): Promise<Response> {
  const expiresAt = await promotePendingSession(services, c, user, method);
  return c.json({
    success: true,
    verified: true,
    session_activated: true,
    sessionActivated: true,
    ...loginResult(user, c.get('sessionId'), expiresAt),
    ...extra,
    message: 'Two-factor verification complete',
  });
}

/**
 * Activates a factor just set up (a passkey is stored active already): the user's first factor
 * turns 2FA on and yields new backup codes, returned to be shown once.
 *
 * @throws FlowlessError 409 when another request activated it first.
 */
export async function activateSetUpFactor(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  user: UserRecord,
  factor: TwoFactorMethodRecord,
  methods: readonly TwoFactorMethodRecord[],
): Promise<string[] | undefined> {
  const { twoFactor, users, sessions } = services;
  if (factor.method !== 'passkey' && !(await twoFactor.activate(factor))) throw alreadyVerified();
  const first = activePrimaries(methods).length === 0;
  let backupCodes: string[] | undefined;
  if (first) {
    backupCodes = await twoFactor.regenerateBackupCodes(user.id);
    if (!user.twoFactor) await users.update(user.id, { twoFactor: true });
    await announceTwoFactorChange(c, services, user, 'enabled');
  }
  await announceTwoFactorChange(c, services, user, 'method_added', factor.method);
  await sessions.forgetUser(user.id);
  return backupCodes;
}

/**
 * Finishes the setup of `factor` (already active for a passkey): the first factor turns 2FA on
 * and yields backup codes; the session that set it up counts as verified by it.
 */
async function completeSetup(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  user: UserRecord,
  factor: TwoFactorMethodRecord,
  methods: readonly TwoFactorMethodRecord[],
): Promise<Response> {
  const { users, sessions } = services;
  const backupCodes = await activateSetUpFactor(services, c, user, factor, methods);
  const extra = backupCodes ? { backup_codes: backupCodes, backupCodes } : {};
  const fresh = (await users.findById(user.id)) ?? user;
  if (c.get('session').pending) return activate(services, c, fresh, factor.method, extra);
  await sessions.markVerified(c.get('sessionId'), factor.method);
  return c.json({
    success: true,
    verified: true,
    method_id: factor.id,
    methodId: factor.id,
    method: factor.method,
    status: 'active',
    ...(factor.method === 'passkey' && { name: factor.identifier }),
    two_factor_enabled: true,
    twoFactorEnabled: true,
    ...extra,
    message: 'Method activated',
  });
}

/** The factor a request names for `action`, or null. */
function factorFor(
  action: 'login' | 'setup' | 'remove',
  body: VerifyBody,
  methods: readonly TwoFactorMethodRecord[],
  usable: readonly TwoFactorMethodRecord[],
): TwoFactorMethodRecord | null {
  const wanted = { id: body.method_id, method: body.method };
  if (action === 'setup') return pickFactor(methods, wanted, 'pending_setup');
  if (action === 'login')
    return usable.find((m) => (wanted.id ? m.id === wanted.id : m.method === wanted.method)) ?? null;
  return pickFactor(methods, wanted, 'active');
}

/**
 * Registers the verify route.
 */
export function registerTwoFactorVerifyRoute(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { twoFactor } = services;

  app.post(
    '/auth/two_factor/verify',
    rateLimit(services, 'login'),
    twoFactorOn(services),
    twoFactorSession(services, true),
    async (c) => {
      const body = await parseBody(c, verifyBody);
      const action = body.action ?? 'login';
      const session = c.get('session');
      const user = await currentUser(services, c);
      const methods = await twoFactor.methodsOf(user.id);
      const usable = await twoFactor.loginMethods(user, methods);
      const setupMode = session.pending && usable.length === 0;
      // A pending session may log in, or (when the user must set a factor up first) set one up.
      if (session.pending && !(action === 'login' || (action === 'setup' && setupMode)))
        throw invalidSession();
      if (action === 'login' && !session.pending) throw alreadyVerified();
      if (action === 'setup' && body.method === 'passkey') {
        const added = await registerPasskey(services, user, session.hash, body);
        return completeSetup(services, c, user, added, methods);
      }

      const factor = factorFor(action, body, methods, usable);
      // Removal needs a proof besides the factor's own code: the password or another factor's code.
      if (action === 'remove') await confirmProof(services, c, user, body, { excludeId: factor?.id ?? '' });
      if (!factor) {
        if (body.method && !twoFactor.availableMethods().includes(body.method))
          throw methodUnavailable(body.method);
        throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'No such method to verify', { status: 404 });
      }

      await checkCountedFactor(services, c, user, factor, body, action);

      if (action === 'login') return activate(services, c, user, factor.method, {});
      if (action === 'remove') {
        await removeFactor(c, services, user, factor);
        return c.json({ success: true, verified: true, message: 'Method removed' });
      }
      return completeSetup(services, c, user, factor, methods);
    },
  );
}
