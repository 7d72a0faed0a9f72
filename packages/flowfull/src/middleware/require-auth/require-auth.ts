/**
 * @module requireAuth(): refuses requests without a valid session (401, or 503 when Flowless
 * cannot answer) and sets `user_id`, `session` and `is_guest` for the handler.
 */
import type { MiddlewareHandler } from 'hono';
import { type AuthOptions, settingsResolver } from '../auth-settings.js';
import { applyResult, authenticate, refuse } from '../authenticate.js';

/** Options of {@link requireAuth}; every field defaults to the app's `bridgeAuth()` settings. */
export type RequireAuthOptions = AuthOptions;

/**
 * Requires a valid session.
 *
 * @example
 * ```ts
 * app.get('/api/v1/protected', requireAuth(), async (c) => {
 *   const userId = c.get('user_id');
 *   return c.json({ message: 'Protected data', userId });
 * });
 * ```
 */
export function requireAuth(options: RequireAuthOptions = {}): MiddlewareHandler {
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
