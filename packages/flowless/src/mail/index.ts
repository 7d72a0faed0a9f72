/**
 * @module Mail: the mailer port, SMTP and outbox adapters, and the redirect allow list.
 */
export type { Mailer, MailMessage } from './mailer.js';
export { createMemoryMailer } from './mailer.js';
export type { OutboxMailerOptions } from './outbox-mailer.js';
export { createOutboxMailer } from './outbox-mailer.js';
export { isAllowedRedirect, mailLink } from './redirect-allow-list.js';
export type { SmtpMailerOptions } from './smtp-mailer.js';
export { createSmtpMailer } from './smtp-mailer.js';
export {
  emailChangeMail,
  emailChangeNoticeMail,
  existingAccountMail,
  passwordResetMail,
  verificationMail,
} from './templates.js';
