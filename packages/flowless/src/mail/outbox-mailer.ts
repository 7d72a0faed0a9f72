/**
 * @module The development outbox: each message becomes a JSON file under `<DATA_DIR>/outbox`,
 * with a one-line log saying a message was written (the log names the file, never its content).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'flowfull/server';
import type { Mailer } from './mailer.js';

/** Options of {@link createOutboxMailer}. */
export interface OutboxMailerOptions {
  /** The data folder; messages go to its `outbox` subfolder. */
  dataDir: string;
  /** The `From` written into each file. */
  from: string;
  logger: Logger;
  /** Current time in ms, for file names. */
  now: () => number;
}

/**
 * Creates a {@link Mailer} that writes messages to files.
 *
 * @example
 * ```ts
 * const mailer = createOutboxMailer({ dataDir: './.data', from: config.MAIL_FROM, logger, now: Date.now });
 * ```
 */
export function createOutboxMailer(options: OutboxMailerOptions): Mailer {
  const folder = join(options.dataDir, 'outbox');
  return {
    async send(message) {
      await mkdir(folder, { recursive: true });
      const file = join(folder, `${options.now()}-${message.kind}-${randomBytes(4).toString('hex')}.json`);
      const body = { from: options.from, to: message.to, subject: message.subject, text: message.text };
      await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
      options.logger.info({ file, kind: message.kind }, 'mail written to outbox');
    },
  };
}
