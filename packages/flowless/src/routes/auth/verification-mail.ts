/**
 * @module Issues an email-verification token and mails its link, in the background.
 */
import { mailLink } from '../../mail/redirect-allow-list.js';
import { verificationMail } from '../../mail/templates.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';

/**
 * Starts sending a verification mail to `user` (a new token voids older ones).
 */
export function queueVerificationMail(
  services: FlowlessServices,
  user: UserRecord,
  requestedUrl?: string,
): void {
  const { config, tokens, mailer, tasks } = services;
  tasks.run('mail.verification', async () => {
    const token = await tokens.issue(user.id, 'email_verification', config.EMAIL_VERIFICATION_TTL_MS, {
      sentTo: user.email,
    });
    const link = mailLink(
      requestedUrl,
      config.ALLOWED_REDIRECT_URLS,
      new URL('/verify-email', config.FRONTEND_URL).toString(),
      token,
    );
    await mailer.send(verificationMail(user.email, link));
  });
}
