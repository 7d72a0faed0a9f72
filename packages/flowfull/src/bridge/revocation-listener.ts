/**
 * @module Listens for revocations on a dedicated Redis subscriber connection and hands each
 * parsed message to a handler.
 */
import type { Redis } from 'ioredis';
import { parseRevocationMessage, type RevocationMessage } from './revocation.js';

/** A running subscription; `close()` unsubscribes and closes the subscriber connection. */
export interface RevocationListener {
  close(): Promise<void>;
}

/**
 * Subscribes `subscriber` (a connection used for nothing else) to `channel`. Resolves once Redis
 * confirmed the subscription, so revocations published afterwards are not missed. Messages that
 * are not revocations are ignored.
 *
 * @example
 * ```ts
 * const listener = await listenForRevocations(redis.duplicate(), REVOCATION_CHANNEL, (m) => cache.apply(m));
 * ```
 */
export async function listenForRevocations(
  subscriber: Redis,
  channel: string,
  handler: (message: RevocationMessage) => void,
): Promise<RevocationListener> {
  const onMessage = (received: string, raw: string): void => {
    if (received !== channel) return;
    const message = parseRevocationMessage(raw);
    if (message !== null) handler(message);
  };
  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel);
  return {
    async close() {
      subscriber.off('message', onMessage);
      subscriber.disconnect();
    },
  };
}
