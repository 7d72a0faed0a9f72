/**
 * @module The session object of `GET /auth/sessions`, in both casings: never the id or its hash.
 */
import { iso } from '../../db/values.js';
import type { SessionSummary } from '../../sessions/session-directory.js';

/**
 * Presents one session of the signed-in user; `current` when it is the one asking.
 */
export function presentSessionSummary(session: SessionSummary, currentId: string) {
  const createdAt = iso(session.createdAt);
  const lastSeenAt = iso(session.lastUsedAt);
  const expiresAt = iso(session.expiresAt);
  return {
    id: session.id,
    device_id: session.deviceId,
    deviceId: session.deviceId,
    ip_address: session.ipAddress,
    ipAddress: session.ipAddress,
    user_agent: session.userAgent,
    userAgent: session.userAgent,
    created_at: createdAt,
    createdAt,
    last_seen_at: lastSeenAt,
    lastSeenAt,
    expires_at: expiresAt,
    expiresAt,
    current: session.id === currentId,
  };
}
