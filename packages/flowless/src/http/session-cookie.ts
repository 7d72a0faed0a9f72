/**
 * @module The session cookie: `__Host-session_id`, Secure, HttpOnly, SameSite=Lax, Path=/, no
 * Domain; plain `session_id` without Secure only when `SESSION_COOKIE_SECURE=false` (development
 * over http).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessionCookieName } from './session-id.js';

const maxAgeOf = (lifetimeMs: number): number =>
  // Max-Age rather than Expires: relative to the injected clock, and capped at 400 days.
  Math.max(0, Math.min(Math.floor(lifetimeMs / 1000), 400 * 24 * 3600));

/**
 * Sets the session cookie for a new session.
 */
export function setSessionCookie(c: Context, sessionId: string, lifetimeMs: number, secure: boolean): void {
  setCookie(c, sessionCookieName(secure), sessionId, {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: maxAgeOf(lifetimeMs),
  });
}

/**
 * Clears the session cookie, and a legacy plain `session_id` cookie the browser still sends.
 */
export function clearSessionCookie(c: Context, secure: boolean): void {
  const name = sessionCookieName(secure);
  deleteCookie(c, name, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
  const legacy = sessionCookieName(false);
  if (name !== legacy && getCookie(c, legacy) !== undefined) {
    deleteCookie(c, legacy, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
  }
}
