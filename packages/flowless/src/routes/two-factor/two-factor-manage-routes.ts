/**
 * @module `POST /auth/two_factor/toggle`, `DELETE /auth/two_factor/:id` and
 * `POST /auth/two_factor/backup_codes`: changes that weaken or reset the account's second factors.
 * Each needs a fresh proof in the request (the current password, or a code of another active
 * factor) and mails a notice to the account's address.
 */
import type { Context, Hono } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { badRequest, FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import { presentMethod } from '../../two-factor/present-method.js';
import type { UserRecord } from '../../users/user-record.js';
import { announceTwoFactorChange } from './two-factor-change.js';
import {
  activePrimaries,
  confirmProof,
  currentUser,
  type ProofInput,
  twoFactorOn,
  twoFactorRequired,
  twoFactorSession,
} from './two-factor-guards.js';
import { proofBody, toggleBody } from './two-factor-schemas.js';

/**
 * Removes one factor of `user`. Removing the last primary factor turns 2FA off and voids the
 * backup codes; refused for a user whose type must keep a factor.
 *
 * @throws FlowlessError 403 `TWO_FACTOR_REQUIRED` for the last factor of such a user.
 */
export async function removeFactor(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  user: UserRecord,
  factor: TwoFactorMethodRecord,
): Promise<void> {
  const { twoFactor, users, sessions, logger } = services;
  const methods = await twoFactor.methodsOf(user.id);
  const remaining = activePrimaries(methods).filter((m) => m.id !== factor.id);
  if (
    factor.status === 'active' &&
    factor.method !== 'backup_codes' &&
    remaining.length === 0 &&
    twoFactor.isRequiredFor(user)
  ) {
    throw twoFactorRequired(
      'Your account must keep a second factor; add another one before removing this one',
    );
  }
  await twoFactor.remove(factor);
  if (remaining.length === 0) {
    await twoFactor.voidBackupCodes(user.id);
    if (user.twoFactor) await users.update(user.id, { twoFactor: false });
  }
  await sessions.forgetUser(user.id);
  logger.info(
    { event: 'two_factor.method_removed', user_id: user.id, method: factor.method },
    'second factor removed',
  );
  await announceTwoFactorChange(c, services, user, 'method_removed', factor.method);
  // The last factor gone turns two-factor off: worth its own event, though no separate notice.
  if (remaining.length === 0 && user.twoFactor) {
    await auditRequest(
      c,
      services.audit,
      selfEvent('two_factor.disabled', user.id, { reason: 'last_factor_removed' }),
    );
  }
}

/**
 * Removes factor `id` of the signed-in user after a fresh proof from another factor or the
 * password (a factor never vouches for its own removal: a thief holding it must hold another).
 *
 * @throws FlowlessError 404 when the user has no such factor; the proof's and {@link removeFactor}'s refusals.
 */
export async function removeOwnFactor(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  id: string,
  proof: ProofInput,
): Promise<void> {
  const user = await currentUser(services, c);
  const factor = (await services.twoFactor.methodsOf(user.id)).find((m) => m.id === id);
  if (!factor) throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'Method not found', { status: 404 });
  await confirmProof(services, c, user, proof, { excludeId: factor.id });
  await removeFactor(c, services, user, factor);
}

/**
 * Replaces the signed-in user's backup codes after a fresh proof; the new codes are returned to
 * be shown once.
 *
 * @throws FlowlessError 400 `NO_ACTIVE_METHOD` without an active factor; the proof's refusals.
 */
export async function renewBackupCodes(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  proof: ProofInput,
): Promise<string[]> {
  const { twoFactor, logger } = services;
  const user = await currentUser(services, c);
  if (activePrimaries(await twoFactor.methodsOf(user.id)).length === 0) {
    throw new FlowlessError(
      'ERR_FLOWLESS_BAD_REQUEST',
      'Set up a second factor before asking for backup codes',
      {
        status: 400,
        extra: { code: 'NO_ACTIVE_METHOD' },
      },
    );
  }
  await confirmProof(services, c, user, proof);
  const codes = await twoFactor.regenerateBackupCodes(user.id);
  logger.info({ event: 'two_factor.backup_codes_regenerated', user_id: user.id }, 'backup codes regenerated');
  await announceTwoFactorChange(c, services, user, 'backup_codes_regenerated');
  return codes;
}

/**
 * Registers toggle, removal and backup-code regeneration.
 */
export function registerTwoFactorManageRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { twoFactor, users, sessions, logger } = services;
  const guard = [
    rateLimit(services, 'default'),
    twoFactorOn(services),
    twoFactorSession(services, false),
  ] as const;

  app.post('/auth/two_factor/toggle', ...guard, async (c) => {
    const body = await parseBody(c, toggleBody);
    const enable = body.two_factor_enabled ?? body.enabled;
    if (enable === undefined) throw badRequest('two_factor_enabled (or enabled) is required');
    const user = await currentUser(services, c);
    const active = activePrimaries(await twoFactor.methodsOf(user.id));
    if (enable && active.length === 0) {
      throw new FlowlessError(
        'ERR_FLOWLESS_BAD_REQUEST',
        'Set up a second factor before turning two-factor on',
        {
          status: 400,
          extra: { code: 'NO_ACTIVE_METHOD' },
        },
      );
    }
    if (!enable && twoFactor.isRequiredFor(user)) {
      throw twoFactorRequired('Two-factor authentication is required for your account');
    }
    await confirmProof(services, c, user, body);
    if (user.twoFactor !== enable) {
      await users.update(user.id, { twoFactor: enable });
      await sessions.forgetUser(user.id);
      logger.info({ event: 'two_factor.toggled', user_id: user.id, enabled: enable }, 'two-factor toggled');
      await announceTwoFactorChange(c, services, user, enable ? 'enabled' : 'disabled');
    }
    const methods = active.map(presentMethod);
    return c.json({
      success: true,
      two_factor_enabled: enable,
      twoFactorEnabled: enable,
      two_factor: enable,
      twoFactor: enable,
      active_methods: methods,
      activeMethods: methods,
      message: enable ? 'Two-factor authentication enabled' : 'Two-factor authentication disabled',
    });
  });

  app.delete('/auth/two_factor/:id', ...guard, async (c) => {
    const body = await parseBody(c, proofBody);
    await removeOwnFactor(services, c, c.req.param('id'), body);
    return c.json({ success: true, message: 'Method removed' });
  });

  app.post('/auth/two_factor/backup_codes', ...guard, async (c) => {
    const body = await parseBody(c, proofBody);
    const codes = await renewBackupCodes(services, c, body);
    return c.json({
      success: true,
      backup_codes: codes,
      backupCodes: codes,
      message: 'Store these codes somewhere safe: they are shown once, and each works once',
    });
  });
}
