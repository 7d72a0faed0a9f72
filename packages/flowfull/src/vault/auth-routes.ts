/**
 * @module vaultAuthRoutes(): `POST /auth/callback` turns a Flowless session (validated through the
 * BridgeValidator, sent in `X-Session-ID`) into a vault session for one application; the identity
 * comes from that session only, never from the body; the response also sets the logout cookie.
 * `GET /auth/logout` (see `logout-route.ts`) ends the vault session of the bearer token or cookie.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { BridgeValidator } from '../bridge/bridge-validator.js';
import { hashSessionId } from '../bridge/session-id.js';
import { failureStatus } from '../bridge/types.js';
import { ApiError } from '../server/errors.js';
import {
  registerLogoutRoute,
  resolveLogoutCookie,
  setLogoutCookie,
  type VaultLogoutCookieOptions,
} from './logout-route.js';
import type { VaultSessionVariables } from './session-routes.js';
import { openVaultSession } from './session-tokens.js';
import type { SessionVault } from './session-vault.js';
import { presentApplication } from './workspaces.js';

/** Options of {@link vaultAuthRoutes}. */
export interface VaultAuthRoutesOptions {
  /** The vault. */
  vault: SessionVault;
  /** Validates Flowless sessions. */
  validator: Pick<BridgeValidator, 'validateSession'>;
  /**
   * The logout cookie set by the callback, so a browser can log out by navigating to
   * `GET /auth/logout`; `false` sets none (then logout takes the bearer token only).
   * @default {} (name `vault_logout`, Secure, SameSite=Lax)
   */
  logoutCookie?: VaultLogoutCookieOptions | false;
}

const callbackBody = z.object({ application_id: z.string().min(1).max(255) }).strict();

/**
 * The sign-in routes as a Hono app to mount beside the Session API.
 *
 * @example
 * ```ts
 * app.route('/api/v1', vaultAuthRoutes({ vault, validator }));
 * ```
 */
export function vaultAuthRoutes(options: VaultAuthRoutesOptions): Hono<{ Variables: VaultSessionVariables }> {
  const { vault, validator } = options;
  const cookie = resolveLogoutCookie(options.logoutCookie);
  const routes = new Hono<{ Variables: VaultSessionVariables }>();
  routes.post('/auth/callback', async (c) => {
    const parsed = callbackBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError(
        422,
        'VAULT_CALLBACK_INVALID',
        'Body must be {"application_id": string} and nothing else',
      );
    }
    const sessionId = c.req.header('X-Session-ID') ?? null;
    const validation = await validator.validateSession(sessionId);
    if (!validation.success)
      throw new ApiError(failureStatus(validation.code), validation.code, validation.error);
    const app = await vault.db
      .selectFrom('vault_applications')
      .selectAll()
      .where('id', '=', parsed.data.application_id)
      .executeTakeFirst();
    if (app === undefined) throw new ApiError(404, 'VAULT_APPLICATION_NOT_FOUND', 'No such application');
    const origin = c.req.header('Origin');
    if (origin !== undefined && !presentApplication(app).allowedOrigins.includes(origin)) {
      throw new ApiError(403, 'VAULT_ORIGIN_NOT_ALLOWED', 'Origin not allowed for this application');
    }
    const opened = await openVaultSession(vault.db, {
      applicationId: app.id,
      subject: validation.session.user_id,
      sourceSessionHash: hashSessionId(sessionId ?? ''),
      now: vault.now(),
    });
    if (!opened.ok) {
      if (opened.reason === 'unknown_application') {
        throw new ApiError(404, 'VAULT_APPLICATION_NOT_FOUND', 'No such application');
      }
      c.header('Retry-After', String(Math.ceil(opened.retryAfterMs / 1000)));
      throw new ApiError(429, 'VAULT_TOO_MANY_SESSIONS', 'Too many concurrent vault sessions for this user');
    }
    if (cookie) setLogoutCookie(c, cookie, opened.logoutHandle);
    return c.json(
      { success: true, data: { token: opened.token, expires_at: new Date(opened.expiresAt).toISOString() } },
      201,
    );
  });
  registerLogoutRoute(routes, vault, cookie);
  return routes;
}
