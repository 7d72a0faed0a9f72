/**
 * @module The bridge secret check shared by every server-to-server route: `X-Bridge-Secret`, or
 * `bridge_secret` in a JSON body, compared in constant time.
 */

import { readHeader } from 'flowfull/server';
import type { Context } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';

/**
 * Throws 401 `ERR_FLOWLESS_INVALID_BRIDGE_SECRET` unless the request carries the bridge secret.
 */
export function assertBridgeSecret(
  c: Context<FlowlessEnv>,
  body: Record<string, unknown>,
  isSecret: (given: string) => boolean,
): void {
  const fromBody = typeof body.bridge_secret === 'string' ? body.bridge_secret : '';
  const given = readHeader(c, 'x-bridge-secret') ?? fromBody;
  if (!isSecret(given)) {
    throw new FlowlessError('ERR_FLOWLESS_INVALID_BRIDGE_SECRET', 'Invalid bridge secret', { status: 401 });
  }
}
