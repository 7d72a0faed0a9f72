/**
 * @module Finds the session id of a request, in the order of the spec and the Flowless contract:
 * `X-Session-ID` header, `session_id`/`sessionId` cookie, `?session_id=` (when enabled), then
 * `Authorization: Bearer`.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuthSettings } from './auth-settings.js';

const DEFAULTS: Pick<AuthSettings, 'sessionFromQuery' | 'sessionHeader' | 'sessionCookies'> = {
  sessionFromQuery: true,
  sessionHeader: 'X-Session-ID',
  sessionCookies: ['session_id', 'sessionId'],
};

/**
 * The session id of the request, or null. The value is returned as sent; its format is checked
 * by the validator (which answers `SESSION_MALFORMED` without calling Flowless).
 *
 * @example
 * ```ts
 * app.get('/whoami', (c) => c.json({ hasSession: extractSessionId(c) !== null }));
 * ```
 */
export function extractSessionId(
  c: Context,
  settings: Pick<AuthSettings, 'sessionFromQuery' | 'sessionHeader' | 'sessionCookies'> = DEFAULTS,
): string | null {
  const header = c.req.header(settings.sessionHeader);
  if (header) return header;
  if (c.req.header('cookie')) {
    for (const name of settings.sessionCookies) {
      const cookie = getCookie(c, name);
      if (cookie) return cookie;
    }
  }
  if (settings.sessionFromQuery) {
    const query = c.req.query('session_id');
    if (query) return query;
  }
  const authorization = c.req.header('authorization');
  if (authorization !== undefined && /^bearer /i.test(authorization)) {
    const token = authorization.slice(7).trim();
    if (token) return token;
  }
  return null;
}
