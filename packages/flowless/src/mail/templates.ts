/**
 * @module The text of the messages Flowless sends.
 */
import type { MailMessage } from './mailer.js';

/**
 * The email-verification message.
 *
 * @example
 * ```ts
 * await mailer.send(verificationMail(user.email, link));
 * ```
 */
export function verificationMail(to: string, link: string): MailMessage {
  return {
    to,
    kind: 'email_verification',
    subject: 'Verify your email address',
    text: `Confirm your email address by opening this link (valid for 24 hours):\n\n${link}\n\nIf you did not create an account, ignore this message.\n`,
  };
}

/**
 * The password-reset message.
 *
 * @example
 * ```ts
 * await mailer.send(passwordResetMail(user.email, link));
 * ```
 */
export function passwordResetMail(to: string, link: string): MailMessage {
  return {
    to,
    kind: 'password_reset',
    subject: 'Reset your password',
    text: `Someone asked to reset the password of your account. Open this link within one hour to choose a new one:\n\n${link}\n\nIf it was not you, ignore this message; your password stays the same.\n`,
  };
}

/**
 * The notice sent to an account's owner when someone registers again with its email address.
 *
 * @example
 * ```ts
 * await mailer.send(existingAccountMail(email, loginUrl));
 * ```
 */
export function existingAccountMail(to: string, loginUrl: string): MailMessage {
  return {
    to,
    kind: 'existing_account',
    subject: 'You already have an account',
    text: `Someone tried to create an account with this email address, which already has one. If it was you, sign in at ${loginUrl} or reset your password there.\n`,
  };
}
