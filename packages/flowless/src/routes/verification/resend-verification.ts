/**
 * @module Re-sending the verification mail, shared by `POST /auth/resend-verification` and the
 * sign-in page's "send the link again" form. The work runs in the background and the caller
 * answers the same for every address, so neither the answer nor its timing tells whether an
 * account exists or is verified.
 */
import type { FlowlessServices } from '../../services/flowless-services.js';
import { queueVerificationMail } from '../auth/verification-mail.js';

/**
 * Mails a new verification link to `email` when it is the address of an unverified, unbanned
 * account; does nothing otherwise. `verifyUrl` is where the link should point (used only when
 * allowed, as for every mailed link).
 */
export function resendVerification(services: FlowlessServices, email: string, verifyUrl?: string): void {
  const { users, tasks } = services;
  tasks.run('mail.resend_verification', async () => {
    const user = await users.findByEmail(email);
    if (user && !user.isVerified && !user.isBanned) queueVerificationMail(services, user, verifyUrl);
  });
}
