/**
 * @module The text of the messages Flowless sends.
 */
import type { MailMessage } from './mailer.js';

/**
 * The email-verification message.
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
 */
export function existingAccountMail(to: string, loginUrl: string): MailMessage {
  return {
    to,
    kind: 'existing_account',
    subject: 'You already have an account',
    text: `Someone tried to create an account with this email address, which already has one. If it was you, sign in at ${loginUrl} or reset your password there.\n`,
  };
}

/**
 * The link that confirms a new email address, sent to that address.
 */
export function emailChangeMail(to: string, link: string): MailMessage {
  return {
    to,
    kind: 'email_change',
    subject: 'Confirm your new email address',
    text: `Someone asked to use this address for their account. Open this link within one hour to confirm it; until then the account keeps its current address:\n\n${link}\n\nIf it was not you, ignore this message.\n`,
  };
}

/**
 * The notice sent to an account's current address when a change to `newEmail` is requested.
 */
export function emailChangeNoticeMail(to: string, newEmail: string): MailMessage {
  return {
    to,
    kind: 'email_change_notice',
    subject: 'Your email address is about to change',
    text: `Someone signed in to your account asked to change its email address to ${newEmail}. The change happens only once the link sent to that address is opened. If it was not you, change your password now: that cancels the change and signs out every session.\n`,
  };
}

/**
 * The message carrying a second-factor code (valid `minutes`).
 */
export function twoFactorCodeMail(to: string, code: string, minutes: number): MailMessage {
  return {
    to,
    kind: 'two_factor_code',
    subject: 'Your sign-in code',
    text: `Your verification code is ${code}\n\nIt works once, for ${minutes} minutes. If you did not try to sign in, change your password.\n`,
  };
}

/** A change of the account's second factors, named in the notice. */
export type TwoFactorChange =
  | 'enabled'
  | 'disabled'
  | 'method_added'
  | 'method_removed'
  | 'backup_codes_regenerated';

const CHANGE_TEXT: Record<TwoFactorChange, string> = {
  enabled: 'Two-factor authentication was turned on for your account.',
  disabled: 'Two-factor authentication was turned off for your account.',
  method_added: 'A second factor was added to your account',
  method_removed: 'A second factor was removed from your account',
  backup_codes_regenerated: 'New backup codes were generated for your account; the old ones no longer work.',
};

/**
 * The notice sent to the account's address when its second factors change.
 */
export function twoFactorChangeMail(to: string, change: TwoFactorChange, method?: string): MailMessage {
  const what =
    method && change.startsWith('method_') ? `${CHANGE_TEXT[change]} (${method}).` : CHANGE_TEXT[change];
  return {
    to,
    kind: `two_factor_${change}`,
    subject: 'Your sign-in settings changed',
    text: `${what}\n\nIf it was not you, reset your password and review your account at once.\n`,
  };
}

/**
 * The sign-in link of a passwordless login.
 */
export function tokenLoginMail(to: string, link: string, validMinutes: number): MailMessage {
  return {
    to,
    kind: 'token_login',
    subject: 'Your sign-in link',
    text: `Open this link within ${validMinutes} minutes to sign in. It works once:\n\n${link}\n\nIf you did not ask to sign in, ignore this message; nobody can use the link without access to this mailbox.\n`,
  };
}
