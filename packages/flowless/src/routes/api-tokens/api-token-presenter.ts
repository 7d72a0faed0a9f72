/**
 * @module The API token object of responses, in both casings. Never the secret or its hash.
 */
import type { ApiTokenSummary } from '../../api-tokens/api-token-record.js';
import { iso } from '../../db/values.js';

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/**
 * Presents one token.
 */
export function presentApiToken(token: ApiTokenSummary) {
  const createdAt = iso(token.createdAt);
  const expiresAt = isoOrNull(token.expiresAt);
  const lastUsedAt = isoOrNull(token.lastUsedAt);
  return {
    id: token.id,
    name: token.name,
    prefix: token.displayPrefix,
    created_at: createdAt,
    createdAt,
    expires_at: expiresAt,
    expiresAt,
    last_used_at: lastUsedAt,
    lastUsedAt,
  };
}
