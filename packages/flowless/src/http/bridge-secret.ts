/**
 * @module The bridge secret check of every route that asks for it (bridge validate and
 * invalidate, the revocation feed, public registration when `REGISTER_REQUIRES_BRIDGE_SECRET`):
 * the `X-Bridge-Secret` header, or `bridge_secret` (`bridgeSecret`) in a JSON body when no header
 * is sent, compared in constant time. The body form is the contract's alternative for clients
 * that cannot set headers (the Rust client's `include_secret_in_body`); a header, when present,
 * decides.
 */

import { readHeader } from 'flowfull/server';
import type { Context } from 'hono';
import { FlowlessError } from '../errors.js';
import { secretMatcher } from '../secrets/opaque-secret.js';

/** Throws unless a request carries the bridge secret; `body` is the read JSON body (`{}` without one). */
export type BridgeSecretCheck = (c: Context, body: Readonly<Record<string, unknown>>) => void;

/**
 * Builds the check of one secret (its digest computed once). The check throws 401
 * `ERR_FLOWLESS_INVALID_BRIDGE_SECRET` ("Invalid bridge secret") for a missing or wrong secret.
 *
 * @example
 * ```ts
 * const assertBridgeSecret = bridgeSecretCheck(config.BRIDGE_VALIDATION_SECRET);
 * assertBridgeSecret(c, await readBody(c));
 * ```
 */
export function bridgeSecretCheck(secret: string): BridgeSecretCheck {
  const isSecret = secretMatcher(secret);
  return function assertBridgeSecret(c, body) {
    const fromBody = typeof body.bridge_secret === 'string' ? body.bridge_secret : '';
    if (!isSecret(readHeader(c, 'x-bridge-secret') ?? fromBody)) {
      throw new FlowlessError('ERR_FLOWLESS_INVALID_BRIDGE_SECRET', 'Invalid bridge secret', { status: 401 });
    }
  };
}
