/**
 * @module Finds the session id of a request, in the order of the spec and the Flowless contract:
 * `X-Session-ID` header, `__Host-session_id`/`session_id`/`sessionId` cookie, `?session_id=` (when enabled), then
 * `Authorization: Bearer`.
 */
import type { Context } from 'hono';
import { parse } from 'hono/utils/cookie';
import { readHeader } from '../server/node-incoming.js';
import type { AuthSettings } from './auth-settings.js';
import { DEFAULT_SESSION_COOKIES } from './session-cookies.js';

/** The settings session-id extraction reads. */
export type SessionIdSettings = Pick<AuthSettings, 'sessionFromQuery' | 'sessionHeader' | 'sessionCookies'>;

const DEFAULTS: SessionIdSettings = {
  sessionFromQuery: true,
  sessionHeader: 'x-session-id',
  sessionCookies: DEFAULT_SESSION_COOKIES,
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
export function extractSessionId(c: Context, settings: SessionIdSettings = DEFAULTS): string | null {
  const fromHeader = readHeader(c, settings.sessionHeader.toLowerCase());
  if (fromHeader) return fromHeader;
  const cookieHeader = readHeader(c, 'cookie');
  if (cookieHeader) {
    for (const name of settings.sessionCookies) {
      const cookie = parse(cookieHeader, name)[name];
      if (cookie) return cookie;
    }
  }
  if (settings.sessionFromQuery) {
    const query = c.req.query('session_id');
    if (query) return query;
  }
  const authorization = readHeader(c, 'authorization');
  if (authorization !== undefined && /^bearer /i.test(authorization)) {
    const token = authorization.slice(7).trim();
    if (token) return token;
  }
  return null;
}
