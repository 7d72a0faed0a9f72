/**
 * @module The `session_id` cookie: HttpOnly, Path=/, SameSite=Lax, Secure unless turned off for
 * plain-HTTP development.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './session-id.js';

/**
 * Sets the session cookie for a new session.
 */
export function setSessionCookie(c: Context, sessionId: string, lifetimeMs: number, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    path: '/',
    // Max-Age rather than Expires: relative to the injected clock, and capped at 400 days.
    maxAge: Math.max(0, Math.min(Math.floor(lifetimeMs / 1000), 400 * 24 * 3600)),
  });
}

/**
 * Clears the session cookie.
 */
export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
