/**
 * @module A real Redis subscriber on the revocation channel for the integration suites, which
 * records each message with the session rows it names that were still in the database, both when
 * the app published it and when it arrived, plus a sentinel so a test can tell which messages one
 * request produced.
 */
import { parseRevocationMessage, type RevocationMessage } from 'flowfull/bridge';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../../src/db/schema.js';
import type { RevocationPublisher } from '../../src/sessions/revocation-publisher.js';

/** One message seen on the channel. */
export interface ReceivedRevocation {
  readonly message: RevocationMessage;
  /** Hashes of the sessions the message names that were still in the database when it arrived. */
  readonly remainingAtReceipt: readonly string[];
}

/** One message the app handed to its publisher. */
export interface PublishedRevocation {
  readonly message: RevocationMessage;
  /** Hashes of the sessions the message names that were still in the database at that moment. */
  readonly remainingAtPublish: readonly string[];
}

/** What {@link listenForRevocations} returns. */
export interface RevocationListener {
  /**
   * Runs `action`, then publishes a sentinel on the channel and waits for it: every message
   * received in between (in order) is what `action` caused, since the app publishes before it
   * answers and Redis delivers one channel in order.
   */
  during(action: () => Promise<unknown>, timeoutMs?: number): Promise<ReceivedRevocation[]>;
  /** Unsubscribes and disconnects both clients. */
  close(): Promise<void>;
}

/** The session hashes still in `db` that `message` names: one session, or every session of a user. */
export async function sessionsNamedBy(
  db: Kysely<FlowlessDatabase>,
  message: RevocationMessage,
): Promise<string[]> {
  const query = db.selectFrom('sessions').select('session_hash');
  const rows =
    message.type === 'session.revoked'
      ? await query.where('session_hash', '=', message.session_hash).execute()
      : await query.where('user_id', '=', message.user_id).execute();
  return rows.map((row) => row.session_hash);
}

/**
 * Wraps a real publisher so that each publish first records which of the sessions it names are
 * still in the database: an empty list means the database change came first.
 */
export function probePublisher(
  inner: RevocationPublisher,
  db: Kysely<FlowlessDatabase>,
): RevocationPublisher & { readonly published: PublishedRevocation[] } {
  const published: PublishedRevocation[] = [];
  return {
    published,
    async publish(message) {
      published.push({ message, remainingAtPublish: await sessionsNamedBy(db, message) });
      await inner.publish(message);
    },
  };
}

/** Subscribes to `channel` on `url`; each message is checked against `db` as soon as it arrives. */
export async function listenForRevocations(options: {
  url: string;
  channel: string;
  db: Kysely<FlowlessDatabase>;
}): Promise<RevocationListener> {
  const subscriber = new Redis(options.url, { maxRetriesPerRequest: 1 });
  const publisher = new Redis(options.url, { maxRetriesPerRequest: 1 });
  let checks: Array<Promise<ReceivedRevocation>> = [];
  const sentinels = new Map<string, () => void>();
  const malformed: string[] = [];
  subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== options.channel) return;
    const sentinel = sentinels.get(raw);
    if (sentinel) {
      sentinel();
      return;
    }
    const message = parseRevocationMessage(raw);
    if (!message) {
      malformed.push(raw);
      return;
    }
    // The database is read at once, before this process does anything else for the app.
    checks.push(
      sessionsNamedBy(options.db, message).then((remainingAtReceipt) => ({ message, remainingAtReceipt })),
    );
  });
  await subscriber.subscribe(options.channel);
  let counter = 0;
  return {
    async during(action, timeoutMs = 2000) {
      checks = [];
      malformed.length = 0;
      await action();
      const token = `sentinel:${++counter}:${Math.random()}`;
      const seen = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('sentinel not received')), timeoutMs);
        sentinels.set(token, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await publisher.publish(options.channel, token);
      await seen;
      sentinels.delete(token);
      if (malformed.length > 0) throw new Error(`not revocation messages: ${malformed.join(', ')}`);
      return Promise.all(checks);
    },
    async close() {
      await subscriber.unsubscribe(options.channel);
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
