/**
 * @module The mailer port: everything Flowless sends goes through `send`.
 */

/** One outgoing message. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** What the message is for (`password_reset`, `email_verification`, …); never contains secrets. */
  kind: string;
}

/** Sends mail. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * A mailer that keeps messages in memory, for tests and embedding.
 *
 * @example
 * ```ts
 * const mailer = createMemoryMailer();
 * mailer.messages.at(-1)?.text;
 * ```
 */
export function createMemoryMailer(): Mailer & { readonly messages: MailMessage[] } {
  const messages: MailMessage[] = [];
  return {
    messages,
    async send(message) {
      messages.push(message);
    },
  };
}
