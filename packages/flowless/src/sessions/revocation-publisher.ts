/**
 * @module Tells Flowfull instances listening on Redis that sessions ended, after the database
 * commit, so their bridge validators drop cached validations. Channel and message are Flowfull's
 * Bridge Validation contract (`flowfull/bridge`): `{type:'session.revoked', session_hash}` and
 * `{type:'user.sessions_revoked', user_id}`. The same revocation is already in the
 * `revocation_events` outbox, which the feed serves to instances without Redis. Flowless instances
 * themselves are kept in step by the session cache (HybridCache invalidations) or, without Redis,
 * by the feed's tail.
 */
import { publishRevocation, REVOCATION_CHANNEL, type RevocationMessage } from 'flowfull/bridge';
import type { Logger } from 'flowfull/server';
import type { Redis } from 'ioredis';

export type { RevocationMessage } from 'flowfull/bridge';

/** The revocation publishing port. */
export interface RevocationPublisher {
  /** Publishes after the database commit. Never throws: a failed publish is logged. */
  publish(message: RevocationMessage): Promise<void>;
}

/**
 * A publisher for a deployment without Redis: Flowfull instances hear the revocation on the feed.
 *
 * @example
 * ```ts
 * const revocations = noRevocationPublisher;
 * ```
 */
export const noRevocationPublisher: RevocationPublisher = Object.freeze({ publish: async () => undefined });

/** Options of {@link createRedisRevocationPublisher}. */
export interface RedisRevocationPublisherOptions {
  /** A connected client. */
  redis: Redis;
  /** Channel name. @default REVOCATION_CHANNEL ('flowless:revocations') */
  channel?: string;
  /** Where publish failures go. */
  logger: Logger;
}

/**
 * Publishes revocations on Redis with `flowfull/bridge`'s `publishRevocation`.
 *
 * @example
 * ```ts
 * const revocations = createRedisRevocationPublisher({ redis, channel: config.REVOCATION_CHANNEL, logger });
 * ```
 */
export function createRedisRevocationPublisher(
  options: RedisRevocationPublisherOptions,
): RevocationPublisher {
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
  };
}
