/**
 * @module An admin's reset of a user's second factors, for someone who lost their device: every
 * factor goes (authenticator apps, email and SMS codes, passkeys) with the backup codes, and
 * two-factor is turned off. The person is told by mail, as for any change of their factors. A
 * user whose type must use a second factor is sent to set one up again at the next sign-in.
 */
import type { FlowlessServices } from '../../../services/flowless-services.js';
import type { SessionRecord } from '../../../sessions/session-record.js';
import type { UserRecord } from '../../../users/user-record.js';

/**
 * Removes every second factor of `user`; returns how many there were (backup codes not counted).
 */
export async function resetTwoFactorAsAdmin(
  services: FlowlessServices,
  actor: SessionRecord,
  user: UserRecord,
): Promise<number> {
  const { twoFactor, users, sessions, logger } = services;
  const factors = (await twoFactor.methodsOf(user.id)).filter((factor) => factor.method !== 'backup_codes');
  for (const factor of factors) await twoFactor.remove(factor);
  await twoFactor.voidBackupCodes(user.id);
  if (user.twoFactor) await users.update(user.id, { twoFactor: false });
  // Cached sessions carry the user's two-factor state; they are read again.
  await sessions.forgetUser(user.id);
  logger.info(
    { event: 'admin.two_factor_reset', admin_id: actor.userId, user_id: user.id, factors: factors.length },
    'admin reset second factors',
  );
  twoFactor.notify(user, 'disabled');
  return factors.length;
}
