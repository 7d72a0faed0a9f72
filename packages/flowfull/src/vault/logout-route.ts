/**
 * @module `GET /auth/logout` and the `vault_logout` cookie. A script ends its vault session with
 * the token in `Authorization: Bearer`; a browser can also end it by a top-level navigation, with
 * no token in the URL: the sign-in response set an HttpOnly cookie, scoped to the logout path,
 * holding a logout-only handle (it ends that one session and opens nothing; the session token
 * itself stays in memory). `?redirect=` sends the browser on to a URL on one of the application's
 * allowed origins (303); otherwise the answer is JSON. SameSite=Lax lets another site trigger a
 * logout by navigation (forced logout): accepted, since it loses no data and the application signs
 * in again through Flowless; `sameSite: 'Strict'` refuses it where the front end shares the site.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { ApiError } from '../server/errors.js';
import { type VaultSessionVariables, vaultTokenAuth } from './session-routes.js';
import { endVaultSession, hashVaultToken } from './session-tokens.js';
import type { SessionVault } from './session-vault.js';
import type { VaultDatabase } from './vault-tables.js';
import { presentApplication } from './workspaces.js';

/** The `vault_logout` cookie. */
export interface VaultLogoutCookieOptions {
  /** Cookie name. @default 'vault_logout' */
  readonly name?: string;
  /** The `Secure` attribute; turn off only for development over plain HTTP. @default true */
  readonly secure?: boolean;
  /** `Lax` works when the front end is on another site; `Strict` refuses cross-site logouts. @default 'Lax' */
  readonly sameSite?: 'Strict' | 'Lax';
}

type Env = { Variables: VaultSessionVariables };
type ResolvedCookie = Required<VaultLogoutCookieOptions>;

/**
 * Resolves the cookie options; null when the cookie is turned off.
 *
 * @example
 * ```ts
 * const cookie = resolveLogoutCookie({ secure: false });
 * ```
 */
export function resolveLogoutCookie(
  options: VaultLogoutCookieOptions | false | undefined,
): ResolvedCookie | null {
  if (options === false) return null;
  return { name: 'vault_logout', secure: true, sameSite: 'Lax', ...options };
}

// The logout route beside the callback, wherever the routes are mounted.
const logoutPath = (c: Context) => new URL(c.req.url).pathname.replace(/\/callback$/, '/logout');

/**
 * Sets the logout cookie on a sign-in response (a browser-session cookie: no Max-Age).
 *
 * @example
 * ```ts
 * setLogoutCookie(c, cookie, opened.logoutHandle);
 * ```
 */
export function setLogoutCookie(c: Context, cookie: ResolvedCookie, handle: string): void {
  setCookie(c, cookie.name, handle, {
    httpOnly: true,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
    path: logoutPath(c),
  });
}

/** The session a logout handle belongs to (ended or not), or undefined. */
async function sessionByLogoutHandle(
  db: Kysely<VaultDatabase>,
  handle: string | undefined,
): Promise<{ id: string; application_id: string } | undefined> {
  if (handle === undefined || !/^vl_[A-Za-z0-9_-]{43}$/.test(handle)) return undefined;
  return db
    .selectFrom('vault_sessions')
    .select(['id', 'application_id'])
    .where('logout_hash', '=', hashVaultToken(handle))
    .executeTakeFirst();
}

/** The URL to send the browser to, if `redirect` is on one of the application's allowed origins. */
async function allowedRedirect(
  vault: SessionVault,
  applicationId: string,
  redirect: string,
): Promise<string> {
  let origin: string | null = null;
  try {
    origin = new URL(redirect).origin;
  } catch {
    origin = null;
  }
  const app = await vault.db
    .selectFrom('vault_applications')
    .selectAll()
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (origin === null || app === undefined || !presentApplication(app).allowedOrigins.includes(origin)) {
    throw new ApiError(
      400,
      'VAULT_REDIRECT_NOT_ALLOWED',
      "redirect must be on one of the application's origins",
    );
  }
  return redirect;
}

/**
 * Registers `GET /auth/logout` on `routes`.
 *
 * @example
 * ```ts
 * registerLogoutRoute(routes, vault, resolveLogoutCookie({}));
 * ```
 */
export function registerLogoutRoute(
  routes: Hono<Env>,
  vault: SessionVault,
  cookie: ResolvedCookie | null,
): void {
  const tokenAuth = vaultTokenAuth(vault);
  const headerAuth: MiddlewareHandler<Env> = (c, next) =>
    c.req.header('Authorization') === undefined ? next() : tokenAuth(c, next);
  routes.get('/auth/logout', headerAuth, async (c) => {
    const byHeader = c.req.header('Authorization') !== undefined;
    const handle = cookie ? getCookie(c, cookie.name) : undefined;
    const clearCookie = () => {
      if (cookie && handle !== undefined) {
        deleteCookie(c, cookie.name, { path: new URL(c.req.url).pathname, secure: cookie.secure });
      }
    };
    const session = byHeader
      ? { id: c.get('vaultCaller').sessionId, application_id: c.get('vaultCaller').applicationId }
      : await sessionByLogoutHandle(vault.db, handle);
    if (session === undefined) {
      clearCookie();
      throw new ApiError(401, 'SESSION_TOKEN_INVALID', 'Valid vault session token or logout cookie required');
    }
    const redirect = c.req.query('redirect');
    // A refused redirect changes nothing: the session and the cookie stay for a corrected request.
    const target =
      redirect === undefined ? null : await allowedRedirect(vault, session.application_id, redirect);
    await endVaultSession(vault.db, session.id, vault.now());
    clearCookie();
    if (target !== null) return c.redirect(target, 303);
    return c.json({ success: true, data: { logged_out: true } });
  });
}
