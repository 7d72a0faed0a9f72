/**
 * @module A validated session with its user, as cached for bridge validation.
 */
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
