/**
 * @module requireAuth(): refuses requests without a valid session (401, or 503 when Flowless
 * cannot answer) and sets `user_id`, `session` and `is_guest` for the handler. A personal API
 * token (`Authorization: Bearer flw_pat_…`) counts as a session (`session.auth_type` says
 * `api_token`) unless `allowApiTokens: false`, which answers it 403 `API_TOKEN_NOT_ALLOWED`.
 */
import type { MiddlewareHandler } from 'hono';
import { type AuthOptions, settingsResolver } from '../auth-settings.js';
import type { AuthenticatedVariables } from '../auth-variables.js';
import { applyResult, authenticate, refuse } from '../authenticate.js';
import { apiTokenRefusal } from '../refuse-api-tokens/refuse-api-tokens.js';

/** Options of {@link requireAuth}; the {@link AuthOptions} default to the app's `bridgeAuth()` settings. */
export interface RequireAuthOptions extends AuthOptions {
  /** Admit personal API tokens; false answers them 403 `API_TOKEN_NOT_ALLOWED`. @default true */
  allowApiTokens?: boolean;
}

/**
 * Requires a valid session. Handlers after it read `c.get('user_id')` as a `string`.
 *
 * @example
 * ```ts
 * app.get('/api/v1/protected', requireAuth(), async (c) => {
 *   const userId = c.get('user_id');
 *   return c.json({ message: 'Protected data', userId });
 * });
 * ```
 */
export function requireAuth(
  options: RequireAuthOptions = {},
): MiddlewareHandler<{ Variables: AuthenticatedVariables }> {
  const settingsFor = settingsResolver(options);
  if (options.allowApiTokens !== undefined && typeof options.allowApiTokens !== 'boolean')
    throw new TypeError('requireAuth: option "allowApiTokens" must be a boolean');
  const allowApiTokens = options.allowApiTokens ?? true;
  return async function requireAuth(c, next) {
    const pending = authenticate(c, settingsFor(c));
    const result = pending instanceof Promise ? await pending : pending;
    if (!result.success) return refuse(c, result);
    if (!allowApiTokens && result.session.auth_type === 'api_token') return apiTokenRefusal(c);
    applyResult(c, result);
    await next();
    return undefined;
  };
}
