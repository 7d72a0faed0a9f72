/**
 * @module A validated session with its user, as cached for bridge validation.
 */
import type { Selectable } from 'kysely';
import type { SessionsTable } from '../db/schema.js';
import { fromDbTime, fromDbTimeOrNull } from '../db/values.js';
import type { UserRecord } from '../users/user-record.js';

/** A session row joined with its user; times in ms. Holds no raw session id. */
export interface SessionRecord {
  /** Row id (`ses_…`), not a secret. */
  id: string;
  /** SHA-256 hex of the session id: the cache and revocation key. */
  hash: string;
  userId: string;
  ipAddress: string | null;
  userAgent: string | null;
  deviceId: string | null;
  expiresAt: number;
  absoluteExpiresAt: number;
  lastUsedAt: number;
  createdAt: number;
  /** True once a second factor was verified on this session. */
  twoFactorVerified: boolean;
  /** When the second factor was verified, or null. */
  twoFactorVerifiedAt: number | null;
  /** The second-factor methods verified on this session (`totp`, `email`, …). */
  twoFactorMethods: string[];
  /**
   * True between the password and the second factor: such a session is refused everywhere but
   * the second-factor routes.
   */
  pending: boolean;
  user: UserRecord;
}

/** Where a login or refresh happened. */
export interface SessionContext {
  ipAddress: string | null;
  userAgent: string | null;
  deviceId: string | null;
}

/** Reads `two_factor_methods` (a JSON array of method names; anything else counts as none). */
function parseMethods(value: string | null): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Converts a `sessions` row and its user into a {@link SessionRecord}.
 */
export function toSessionRecord(session: Selectable<SessionsTable>, user: UserRecord): SessionRecord {
  return {
    id: session.id,
    hash: session.session_hash,
    userId: session.user_id,
    ipAddress: session.ip_address,
    userAgent: session.user_agent,
    deviceId: session.device_id,
    expiresAt: fromDbTime(session.expires_at),
    absoluteExpiresAt: fromDbTime(session.absolute_expires_at),
    lastUsedAt: fromDbTime(session.last_used_at),
    createdAt: fromDbTime(session.created_at),
    twoFactorVerified: Number(session.two_factor_verified) === 1,
    twoFactorVerifiedAt: fromDbTimeOrNull(session.two_factor_verified_at),
    twoFactorMethods: parseMethods(session.two_factor_methods),
    pending: session.state === 'pending_2fa',
    user,
  };
}
