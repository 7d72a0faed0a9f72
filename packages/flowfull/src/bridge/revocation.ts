/**
 * @module Session revocation over Redis pub/sub. Flowless publishes one message per revocation,
 * after its database commit, on {@link REVOCATION_CHANNEL}; every Flowfull instance drops the
 * matching cache entries when it arrives. Messages carry the SHA-256 of a session id, never the id.
 */
import { z } from 'zod';

/**
 * The Redis channel revocations are published on.
 * @default 'flowless:revocations'
 */
export const REVOCATION_CHANNEL = 'flowless:revocations';

/**
 * A revocation: one session (by the hex SHA-256 of its id) or every session of a user.
 *
 * @example
 * ```json
 * { "type": "session.revoked", "session_hash": "9f86d08188…" }
 * { "type": "user.sessions_revoked", "user_id": "usr_123" }
 * ```
 */
export type RevocationMessage =
  | { readonly type: 'session.revoked'; readonly session_hash: string }
  | { readonly type: 'user.sessions_revoked'; readonly user_id: string };

const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.revoked'), session_hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ type: z.literal('user.sessions_revoked'), user_id: z.string().min(1) }),
]);

/** The part of an ioredis client that publishing needs. */
export interface PublishingRedis {
  publish(channel: string, message: string): Promise<number>;
}

/**
 * Publishes a revocation. Call it only after the revocation is committed to the database, so an
 * instance that re-validates right away cannot get the old answer. Resolves to the number of
 * subscribers that received it. Throws a `TypeError` for a malformed message.
 *
 * @example
 * ```ts
 * await db.deleteFrom('sessions').where('id_hash', '=', hash).execute();
 * await publishRevocation(redis, { type: 'session.revoked', session_hash: hash });
 * ```
 */
export async function publishRevocation(
  redis: PublishingRedis,
  message: RevocationMessage,
  channel: string = REVOCATION_CHANNEL,
): Promise<number> {
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) throw new TypeError('publishRevocation: message is not a valid RevocationMessage');
  return redis.publish(channel, JSON.stringify(parsed.data));
}

/**
 * Parses a message received on the revocation channel; `null` when it is not one.
 *
 * @example
 * ```ts
 * parseRevocationMessage('{"type":"user.sessions_revoked","user_id":"u1"}'); // { type: ..., user_id: 'u1' }
 * ```
 */
export function parseRevocationMessage(raw: string): RevocationMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = messageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
