/**
 * @module SMTP delivery through nodemailer, used when `SMTP_URL` is set.
 */
import { createTransport } from 'nodemailer';
import type { Mailer } from './mailer.js';

/** Options of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`. */
  url: string;
  /** The `From` header. */
  from: string;
}

/**
 * Creates a {@link Mailer} that delivers over SMTP.
 *
 * @example
 * ```ts
 * const mailer = createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM });
 * ```
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transport = createTransport(options.url);
  return {
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}
