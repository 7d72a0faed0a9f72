/**
 * @module The mailer a configuration asks for: SMTP when `SMTP_URL` is set, else the outbox folder
 * under `DATA_DIR`.
 */
import type { Logger } from 'flowfull/server';
import type { FlowlessConfig } from '../config/flowless-config.js';
import type { Mailer } from './mailer.js';
import { createOutboxMailer } from './outbox-mailer.js';
import { createSmtpMailer } from './smtp-mailer.js';

/** SMTP when `SMTP_URL` is set, else the outbox under `DATA_DIR`. */
export function mailerFromConfig(config: FlowlessConfig, logger: Logger, now: () => number): Mailer {
  return config.SMTP_URL
    ? createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM })
    : createOutboxMailer({ dataDir: config.DATA_DIR, from: config.MAIL_FROM, logger, now });
}
