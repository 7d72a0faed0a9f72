/**
 * @module vaultSessionRoutes(): the Session API. The caller is the vault session token in
 * `Authorization: Bearer` (never a URL): 401 when missing, unknown or revoked, 410
 * `SESSION_TOKEN_EXPIRED` when expired (the data stays; a new sign-in reaches it), 413 when a value
 * or the user's total is over the application's limit (before any encryption).
 */
import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ApiError } from '../server/errors.js';
import { authenticateVaultToken, revokeUser, type VaultCaller } from './session-tokens.js';
import type { SessionVault } from './session-vault.js';
import { VAULT_KEY_NAME } from './value-store.js';

/** Context variables of the Session API. */
export interface VaultSessionVariables {
  /** The caller behind the bearer token. */
  vaultCaller: VaultCaller;
}

type Env = { Variables: VaultSessionVariables };

const setBody = z.object({ value: z.json() });

/** The bearer token of a request, or `null`. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Requires a live vault session token; sets `vaultCaller`.
 *
 * @example
 * ```ts
 * app.get('/me', vaultTokenAuth(vault), (c) => c.json({ user: c.get('vaultCaller').userId }));
 * ```
 */
export function vaultTokenAuth(vault: SessionVault): MiddlewareHandler<Env> {
  return async function vaultTokenAuth(c, next) {
    const check = await authenticateVaultToken(
      vault.db,
      bearerToken(c.req.header('Authorization')),
      vault.now(),
    );
    if (!check.ok) {
      if (check.reason === 'expired') {
        throw new ApiError(410, 'SESSION_TOKEN_EXPIRED', 'Vault session token expired; sign in again');
      }
      const code = check.reason === 'revoked' ? 'SESSION_TOKEN_REVOKED' : 'SESSION_TOKEN_INVALID';
      throw new ApiError(401, code, 'Valid vault session token required');
    }
    c.set('vaultCaller', check.caller);
    await next();
    await vault.accessLog.record({
      id: randomUUID(),
      workspace_id: check.caller.workspaceId,
      application_id: check.caller.applicationId,
      user_id: check.caller.userId,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      created_at: vault.now(),
    });
  };
}

function keyParam(key: string): string {
  if (!VAULT_KEY_NAME.test(key))
    throw new ApiError(400, 'VAULT_KEY_INVALID', 'Key names are 1-128 of A-Z a-z 0-9 . _ : -');
  return key;
}

/**
 * The Session API as a Hono app to mount, e.g. under `/api/v1`: `GET /sessions`,
 * `POST /sessions/set/:key`, `GET /sessions/get/:key`, `DELETE /sessions/delete/:key`,
 * `POST /sessions/revoke`.
 *
 * @example
 * ```ts
 * app.route('/api/v1', vaultSessionRoutes(vault));
 * ```
 */
export function vaultSessionRoutes(vault: SessionVault): Hono<Env> {
  const routes = new Hono<Env>();
  routes.use('/sessions', vaultTokenAuth(vault));
  routes.use('/sessions/*', vaultTokenAuth(vault));
  routes.get('/sessions', async (c) => {
    const caller = c.get('vaultCaller');
    const keys = await vault.values.list(caller);
    return c.json({
      success: true,
      data: {
        user_id: caller.userId,
        application_id: caller.applicationId,
        expires_at: new Date(caller.expiresAt).toISOString(),
        keys: keys.map((k) => ({
          key: k.key,
          size: k.size,
          updated_at: new Date(k.updatedAt).toISOString(),
        })),
      },
    });
  });
  routes.post('/sessions/set/:key', async (c) => {
    const key = keyParam(c.req.param('key'));
    const parsed = setBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) throw new ApiError(422, 'VAULT_VALUE_INVALID', 'Body must be {"value": <JSON>}');
    const plaintext = Buffer.from(JSON.stringify(parsed.data.value), 'utf8');
    const result = await vault.values.set(c.get('vaultCaller'), key, plaintext, vault.now());
    if (!result.ok) {
      const code = result.reason === 'value_too_large' ? 'VALUE_TOO_LARGE' : 'SESSION_TOO_LARGE';
      throw new ApiError(413, code, `Over the limit of ${result.limit} bytes`, {
        details: { limit: result.limit },
      });
    }
    return c.json({ success: true, data: { key, size: result.size } });
  });
  routes.get('/sessions/get/:key', async (c) => {
    const key = keyParam(c.req.param('key'));
    const plaintext = await vault.values.get(c.get('vaultCaller'), key);
    if (plaintext === null) throw new ApiError(404, 'VAULT_KEY_NOT_FOUND', 'No value under this key');
    const value: unknown = JSON.parse(plaintext.toString('utf8'));
    return c.json({ success: true, data: { key, value } });
  });
  routes.delete('/sessions/delete/:key', async (c) => {
    const key = keyParam(c.req.param('key'));
    if (!(await vault.values.delete(c.get('vaultCaller'), key))) {
      throw new ApiError(404, 'VAULT_KEY_NOT_FOUND', 'No value under this key');
    }
    return c.json({ success: true, data: { key } });
  });
  routes.post('/sessions/revoke', async (c) => {
    await revokeUser(vault.db, c.get('vaultCaller').userId);
    return c.json({ success: true, data: { revoked: true } });
  });
  return routes;
}
