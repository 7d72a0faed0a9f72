/**
 * @module Where the session id of a request is read from: flowfull's `extractSessionId()` with
 * Flowless's names, so Flowless and every Flowfull backend read a request alike (header
 * `X-Session-ID`, cookie `session_id` or `sessionId`, query `session_id` when enabled, then
 * `Authorization: Bearer`; at most 256 characters).
 */

import { extractSessionId, type SessionIdSettings } from 'flowfull/middleware';
import type { Context } from 'hono';

/** Name of the session cookie Flowless sets. */
export const SESSION_COOKIE = 'session_id';

const settings = (sessionFromQuery: boolean): SessionIdSettings =>
  Object.freeze({
    sessionFromQuery,
    sessionHeader: 'x-session-id',
    sessionCookies: Object.freeze([SESSION_COOKIE, 'sessionId']),
  });

const WITH_QUERY = settings(true);
const WITHOUT_QUERY = settings(false);

/**
 * The session id sent with a request, or `null` (none, or longer than 256 characters).
 */
export function sessionIdFrom(c: Context, options: { allowQuery: boolean }): string | null {
  return extractSessionId(c, options.allowQuery ? WITH_QUERY : WITHOUT_QUERY);
}
