/**
 * @module A personal API token as the server reads it: never the secret, only its hash.
 */
import type { UserRecord } from '../users/user-record.js';

/** What an owner sees of one of their tokens (times in ms). */
export interface ApiTokenSummary {
  /** Row id (`tok_…`), not a secret: names the token in `DELETE /auth/tokens/:id`. */
  id: string;
  name: string;
  /** The first characters of the secret (`flw_pat_` and four more). */
  displayPrefix: string;
  createdAt: number;
  /** When the token stops working, or null for never. */
  expiresAt: number | null;
  /** Last accepted use (written at most once a minute), or null. */
  lastUsedAt: number | null;
}

/** A token with its hash and its user, as validated and cached (the password hash is left out). */
export interface ApiTokenRecord extends ApiTokenSummary {
  /** SHA-256 hex of the secret: the cache and revocation key. */
  hash: string;
  userId: string;
  user: UserRecord;
}
