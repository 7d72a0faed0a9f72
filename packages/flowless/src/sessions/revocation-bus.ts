/**
 * @module The revocation messages Flowless publishes after a session ends, so every Flowless and
 * Flowfull instance drops its cached validation. Channel and message follow Flowfull's Bridge
 * Validation contract: `{type:'session.revoked', session_hash}` and
 * `{type:'user.sessions_revoked', user_id}`.
 */
import {
  parseRevocationMessage,
  publishRevocation,
  REVOCATION_CHANNEL,
  type RevocationMessage,
} from 'flowfull/bridge';
import type { Redis } from 'ioredis';
import type { Logger } from '../runtime/logger.js';

export type { RevocationMessage } from 'flowfull/bridge';

/** The revocation channel port. */
export interface RevocationBus {
  /** Publishes after the database commit. Never throws: a failed publish is logged. */
  publish(message: RevocationMessage): Promise<void>;
  /** Calls `handler` for every message, from any instance; returns an unsubscribe function. */
  subscribe(handler: (message: RevocationMessage) => void): Promise<() => Promise<void>>;
}

/**
 * Parses a message received on the channel; anything else is `null` (Flowfull's parser).
 *
 * @example
 * ```ts
 * parseRevocation('{"type":"user.sessions_revoked","user_id":"usr_1"}');
 * ```
 */
export const parseRevocation: (raw: string) => RevocationMessage | null = parseRevocationMessage;

/**
 * A bus inside one process, for a single instance without Redis.
 *
 * @example
 * ```ts
 * const bus = createMemoryRevocationBus();
 * ```
 */
export function createMemoryRevocationBus(): RevocationBus {
  const handlers = new Set<(message: RevocationMessage) => void>();
  return {
    async publish(message) {
      for (const handler of handlers) handler(message);
    },
    async subscribe(handler) {
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },
  };
}

/** Options of {@link createRedisRevocationBus}. */
export interface RedisRevocationBusOptions {
  /** A connected client used to publish; subscribing uses a duplicate of it. */
  redis: Redis;
  /** Channel name. @default REVOCATION_CHANNEL ('flowless:revocations') */
  channel?: string;
  /** Where publish failures go. */
  logger: Logger;
}

/**
 * A bus on Redis pub/sub, shared by every instance.
 *
 * @example
 * ```ts
 * const bus = createRedisRevocationBus({ redis, channel: config.REVOCATION_CHANNEL, logger });
 * ```
 */
export function createRedisRevocationBus(options: RedisRevocationBusOptions): RevocationBus {
  const channel = options.channel ?? REVOCATION_CHANNEL;
  return {
    async publish(message) {
      try {
        await publishRevocation(options.redis, message, channel);
      } catch (error) {
        options.logger.error(
          { channel, type: message.type, err: error instanceof Error ? error.message : String(error) },
          'revocation publish failed',
        );
      }
    },
    async subscribe(handler) {
      const subscriber = options.redis.duplicate();
      subscriber.on('error', (error: Error) =>
        options.logger.warn({ channel, err: error.message }, 'revocation subscriber error'),
      );
      subscriber.on('message', (received: string, raw: string) => {
        if (received !== channel) return;
        const message = parseRevocation(raw);
        if (message) handler(message);
      });
      await subscriber.subscribe(channel);
      return async () => {
        await subscriber.unsubscribe(channel).catch(() => undefined);
        subscriber.disconnect();
      };
    },
  };
}
