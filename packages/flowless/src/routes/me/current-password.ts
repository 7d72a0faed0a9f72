/**
 * @module The current-password check that guards sensitive changes of a signed-in account
 * (password, email). A wrong password counts against the per-account lock that login uses, so a
 * stolen session cannot guess it: while the account is locked the check is refused (401, like a
 * locked login) whatever the password, and login is refused too.
 */
import { FlowlessError, invalidSession } from '../../errors.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';

/** What the check guards, named in the log line of a failure. */
export type GuardedChange =
  | 'password_change'
  | 'email_change'
  | 'two_factor_change'
  | 'api_token_create'
  | 'session_end';

/** The one answer to a refused current password: 400 when wrong, 401 while the account is locked. */
function currentPasswordIncorrect(status: 400 | 401): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_CREDENTIALS', 'Current password is incorrect', { status });
}

/**
 * Checks `password` against the stored hash of `userId` and returns the user (with its hash,
 * which a cached session does not carry).
 *
 * @throws FlowlessError `ERR_FLOWLESS_INVALID_CREDENTIALS` (400 when wrong, 401 while locked);
 *   `ERR_FLOWLESS_INVALID_SESSION` when the user no longer exists.
 */
export async function confirmCurrentPassword(
  services: FlowlessServices,
  userId: string,
  password: string,
  context: { change: GuardedChange; ip: string },
): Promise<UserRecord> {
  const { users, hasher, limits, logger } = services;
  const user = await users.findById(userId);
  if (!user) throw invalidSession();
  // The key login uses, so that both checks share one counter and one lock.
  const lockKey = `user:${user.id}`;
  // While locked the answer does not depend on the password, so no hash is verified.
  if ((await limits.account.lockedFor(lockKey)) > 0) throw currentPasswordIncorrect(401);
  const ok = user.passwordHash
    ? await hasher.verify(user.passwordHash, password)
    : await hasher.verifyDummy(password);
  if (!ok) {
    await limits.account.fail(lockKey);
    logger.info(
      { event: `${context.change}.failed`, user_id: user.id, ip: context.ip, factor: 'password' },
      'current password check failed',
    );
    throw currentPasswordIncorrect(400);
  }
  await limits.account.reset(lockKey);
  return user;
}
