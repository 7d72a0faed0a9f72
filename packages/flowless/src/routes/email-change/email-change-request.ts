/**
 * @module Starts a self-service email change: the account keeps its address, the current address
 * is told, and the new one gets a single-use link (an `email_change` one-time token bound to it).
 * It all runs after the answer, so a request for an address another account holds answers the
 * same as any other: that address gets no link, and the confirmation would refuse it anyway.
 */
import { mailLink } from '../../mail/redirect-allow-list.js';
import { emailChangeMail, emailChangeNoticeMail } from '../../mail/templates.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';

/**
 * Queues the notice to `user.email` and the confirmation link to `newEmail` (a new request
 * replaces an older pending one).
 */
export function queueEmailChange(
  services: FlowlessServices,
  user: UserRecord,
  newEmail: string,
  requestedUrl?: string,
): void {
  const { config, users, tokens, mailer, tasks } = services;
  tasks.run('mail.email_change', async () => {
    await mailer.send(emailChangeNoticeMail(user.email, newEmail));
    if (await users.findByEmail(newEmail)) {
      await tokens.voidAll(user.id, 'email_change');
      return;
    }
    const token = await tokens.issue(user.id, 'email_change', config.EMAIL_CHANGE_TTL_MS, {
      sentTo: newEmail,
    });
    const link = mailLink(
      requestedUrl,
      config.ALLOWED_REDIRECT_URLS,
      new URL('/confirm-email-change', config.FRONTEND_URL).toString(),
      token,
    );
    await mailer.send(emailChangeMail(newEmail, link));
  });
}
