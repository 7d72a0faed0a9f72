/**
 * @module The password-reset steps shared by the `/auth/password-reset` routes and the hosted
 * pages: asking for a link (the lookup and mail run in the background, so known and unknown
 * emails look alike) and completing it. Completing ends every session of the user and voids every
 * other outstanding one-time token; it marks the address verified only when the link was mailed
 * to the user's current address.
 */
import type { Context } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { mailLink } from '../../mail/redirect-allow-list.js';
import { passwordResetMail } from '../../mail/templates.js';
import { assertPasswordAllowed } from '../../passwords/password-policy.js';
import type { FlowlessServices } from '../../services/flowless-services.js';

const invalidToken = (): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_INVALID_TOKEN', 'Invalid or expired token', {
    status: 400,
    extra: { valid: false },
  });

/**
 * Mails a reset link to `email` when it has an account; `resetUrl` is the page the link opens,
 * when allowed.
 */
export function requestPasswordReset(services: FlowlessServices, email: string, resetUrl?: string): void {
  const { users, tokens, mailer, config, tasks } = services;
  tasks.run('mail.password_reset', async () => {
    const user = await users.findByEmail(email);
    if (!user || user.isBanned) return;
    const token = await tokens.issue(user.id, 'password_reset', config.PASSWORD_RESET_TTL_MS, {
      sentTo: user.email,
    });
    const fallback = new URL('/reset-password', config.FRONTEND_URL).toString();
    await mailer.send(
      passwordResetMail(user.email, mailLink(resetUrl, config.ALLOWED_REDIRECT_URLS, fallback, token)),
    );
  });
}

/**
 * Sets `password` as the password of the reset link `token`'s user.
 *
 * @throws FlowlessError 400 `ERR_FLOWLESS_WEAK_PASSWORD` (the token is then kept),
 *   400 `ERR_FLOWLESS_INVALID_TOKEN`.
 */
export async function completePasswordReset(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  token: string,
  password: string,
): Promise<void> {
  const { users, tokens, sessions, hasher } = services;
  // The policy is checked first so that a rejected password does not use the token up.
  assertPasswordAllowed(password);
  const consumed = await tokens.consume(token, 'password_reset');
  const user = consumed && (await users.findById(consumed.userId));
  if (!consumed || !user) throw invalidToken();
  await users.update(user.id, {
    passwordHash: await hasher.hash(password),
    ...(consumed.sentTo === user.email && { isVerified: true }),
  });
  await tokens.voidAll(user.id);
  await sessions.revokeUser(user.id);
  await auditRequest(c, services.audit, selfEvent('password.changed', user.id, { method: 'reset' }));
}
