/**
 * @module requireAuth(): refuses requests without a valid session (401, or 503 when Flowless
 * cannot answer) and sets `user_id`, `session` and `is_guest` for the handler.
 */
import type { MiddlewareHandler } from 'hono';
import { type AuthOptions, settingsResolver } from '../auth-settings.js';
import type { AuthenticatedVariables } from '../auth-variables.js';
import { applyResult, authenticate, refuse } from '../authenticate.js';

/** Options of {@link requireAuth}; every field defaults to the app's `bridgeAuth()` settings. */
export type RequireAuthOptions = AuthOptions;

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
  return async function requireAuth(c, next) {
    const pending = authenticate(c, settingsFor(c));
    const result = pending instanceof Promise ? await pending : pending;
    if (!result.success) return refuse(c, result);
    applyResult(c, result);
    await next();
    return undefined;
  };
}
