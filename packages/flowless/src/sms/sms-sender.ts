/**
 * @module The SMS port: how texted second-factor codes leave the server. Flowless ships no SMS
 * provider; an application passes its own `SmsSender` (`createFlowlessApp({ sms })`). Without one
 * the `sms` method is not offered and its routes answer `METHOD_UNAVAILABLE`. A development outbox
 * (JSON files) and a memory sender are provided for local work and tests.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomSecret } from '../secrets/opaque-secret.js';

/** One outgoing text. */
export interface SmsMessage {
  /** Phone number in E.164 form. */
  to: string;
  text: string;
  /** What the text is for (`two_factor_code`); never contains secrets. */
  kind: string;
}

/** Sends texts. `send` resolves once the provider accepted the message, and throws otherwise. */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/**
 * A sender that keeps texts in memory, for tests and embedding.
 */
export function createMemorySmsSender(): SmsSender & { readonly messages: SmsMessage[] } {
  const messages: SmsMessage[] = [];
  return {
    messages,
    async send(message) {
      messages.push(message);
    },
  };
}

/**
 * A development sender writing each text to `<dataDir>/sms-outbox/<time>-<random>.json`.
 */
export function createOutboxSmsSender(options: { dataDir: string; now?: () => number }): SmsSender {
  const folder = join(options.dataDir, 'sms-outbox');
  const now = options.now ?? Date.now;
  return {
    async send(message) {
      await mkdir(folder, { recursive: true });
      const at = now();
      await writeFile(
        join(folder, `${at}-${randomSecret(6)}.json`),
        JSON.stringify({ ...message, sent_at: new Date(at).toISOString() }, null, 2),
      );
    },
  };
}
