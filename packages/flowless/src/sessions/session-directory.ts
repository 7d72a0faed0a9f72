/**
 * @module The signed-in user's view of their sessions: the active ones (not expired, not waiting
 * for a second factor) with where and when they were used, and the look-up of one of them by its
 * row id. Ending a session goes through the session service (`revokeHash`), which writes the
 * revocation to the outbox and tells every instance.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { fromDbTime } from '../db/values.js';

/** One session as its owner sees it (times in ms; never the id or its hash). */
export interface SessionSummary {
  /** Row id (`ses_…`), not a secret: names the session in `DELETE /auth/sessions/:id`. */
  id: string;
  deviceId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  /** SHA-256 of the session id, for the service's revocation; not shown to clients. */
  hash: string;
}

/**
 * The user's active sessions at `now`, most recently used first. `currentHash`, the session that
 * made the request, is listed even when its row's idle expiry lags: it was just validated, and the
 * `last_used_at` write that slides the row is left to the background.
 */
export async function activeSessionsOf(
  db: Kysely<FlowlessDatabase>,
  userId: string,
  now: number,
  currentHash = '',
): Promise<SessionSummary[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('state', '=', 'active')
    .where((eb) => eb.or([eb('expires_at', '>', now), eb('session_hash', '=', currentHash)]))
    .where('absolute_expires_at', '>', now)
    .orderBy('last_used_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    deviceId: row.device_id,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    createdAt: fromDbTime(row.created_at),
    lastUsedAt: fromDbTime(row.last_used_at),
    expiresAt: fromDbTime(row.expires_at),
    hash: row.session_hash,
  }));
}

/**
 * The hash of the user's session with row id `id`, or null when the user has no such session.
 */
export async function sessionHashOf(
  db: Kysely<FlowlessDatabase>,
  userId: string,
  id: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('sessions')
    .select('session_hash')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.session_hash ?? null;
}
