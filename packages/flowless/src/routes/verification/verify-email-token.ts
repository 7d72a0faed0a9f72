/**
 * @module Using an email-verification token up, shared by `/auth/verify-email` and the hosted
 * verify page. A token verifies only the address it was mailed to: if the account's address
 * changed since, it is refused.
 */
import { FlowlessError } from '../../errors.js';
import type { FlowlessServices } from '../../services/flowless-services.js';

/**
 * Marks the address of `token`'s user verified.
 *
 * @throws FlowlessError 400 `ERR_FLOWLESS_INVALID_TOKEN` for a missing, unknown, used or expired token.
 */
export async function verifyEmailToken(services: FlowlessServices, token: string | undefined): Promise<void> {
  const { users, tokens, sessions } = services;
  const consumed = token ? await tokens.consume(token, 'email_verification') : null;
  const user = consumed && (await users.findById(consumed.userId));
  // A null sent_to is a token issued before addresses were recorded (migration 0003).
  if (!consumed || !user || (consumed.sentTo !== null && consumed.sentTo !== user.email)) {
    throw new FlowlessError('ERR_FLOWLESS_INVALID_TOKEN', 'Invalid or expired token', {
      status: 400,
      extra: { verified: false },
    });
  }
  await users.update(user.id, { isVerified: true });
  await sessions.forgetUser(user.id);
}
