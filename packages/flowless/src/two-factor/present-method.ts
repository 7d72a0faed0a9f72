/**
 * @module A second factor as the clients read it (the method objects of the login answer, both casings),
 * with its address masked.
 */
import { iso } from '../db/values.js';
import type { TwoFactorMethodRecord } from './factor-store.js';

/** A method as the clients read it. */
export interface PresentedMethod {
  id: string;
  method: string;
  status: string;
  identifier: string | null;
  last_used_at: string | null;
  lastUsedAt: string | null;
  created_at: string;
  createdAt: string;
}

/**
 * Masks an address for display: `a***@example.com`, `***4567`.
 */
export function maskIdentifier(identifier: string | null): string | null {
  if (!identifier) return null;
  const at = identifier.indexOf('@');
  if (at > 0) return `${identifier[0]}***${identifier.slice(at)}`;
  return `***${identifier.slice(-4)}`;
}

/**
 * A factor in the clients' shape (both casings; the identifier masked).
 */
export function presentMethod(factor: TwoFactorMethodRecord): PresentedMethod {
  const lastUsedAt = factor.lastUsedAt === null ? null : iso(factor.lastUsedAt);
  const createdAt = iso(factor.createdAt);
  return {
    id: factor.id,
    method: factor.method,
    status: factor.status,
    // A passkey's identifier is the name its owner gave it, not an address.
    identifier: factor.method === 'passkey' ? factor.identifier : maskIdentifier(factor.identifier),
    last_used_at: lastUsedAt,
    lastUsedAt,
    created_at: createdAt,
    createdAt,
  };
}
