/**
 * @module Where the session id of a request is read from, in the contract's order: header
 * `X-Session-ID`, query `session_id`, cookie `session_id` (or `sessionId`), then
 * `Authorization: Bearer`.
 */

import { readHeader } from 'flowfull/server';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/** Name of the session cookie Flowless sets. */
export const SESSION_COOKIE = 'session_id';

const usable = (value: string | undefined | null): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 512;

/**
 * The session id sent with a request, or `null`.
 */
export function sessionIdFrom(c: Context, options: { allowQuery: boolean }): string | null {
  const header = readHeader(c, 'x-session-id')?.trim();
  if (usable(header)) return header;
  if (options.allowQuery) {
    const query = c.req.query('session_id');
    if (usable(query)) return query;
  }
  const cookie = getCookie(c, SESSION_COOKIE) ?? getCookie(c, 'sessionId');
  if (usable(cookie)) return cookie;
  const auth = readHeader(c, 'authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) {
    const bearer = auth.slice(7).trim();
    if (usable(bearer)) return bearer;
  }
  return null;
}
