/**
 * @module The `session_id` cookie: HttpOnly, Path=/, SameSite=Lax, Secure unless turned off for
 * plain-HTTP development.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './session-id.js';

/**
 * Sets the session cookie for a new session.
 *
 * @example
 * ```ts
 * setSessionCookie(c, issued.id, issued.expiresAt, config.SESSION_COOKIE_SECURE);
 * ```
 */
export function setSessionCookie(c: Context, sessionId: string, expiresAt: number, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    path: '/',
    expires: new Date(expiresAt),
  });
}

/**
 * Clears the session cookie.
 *
 * @example
 * ```ts
 * clearSessionCookie(c, config.SESSION_COOKIE_SECURE);
 * ```
 */
export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
