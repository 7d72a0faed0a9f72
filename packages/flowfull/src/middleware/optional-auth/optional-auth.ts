/**
 * @module optionalAuth(): validates the session when there is one and lets every request through,
 * as a guest when the session is missing, invalid or cannot be checked.
 */
import type { MiddlewareHandler } from 'hono';
import { type AuthOptions, settingsResolver } from '../auth-settings.js';
import { applyResult, authenticate } from '../authenticate.js';

/** Options of {@link optionalAuth}; every field defaults to the app's `bridgeAuth()` settings. */
export type OptionalAuthOptions = AuthOptions;

/**
 * Allows guests; authenticated requests get `user_id` and `session`, a guest's `user_id` is null.
 *
 * @example
 * ```ts
 * app.get('/api/v1/items', optionalAuth(), async (c) => {
 *   const userId = c.get('user_id');
 *   if (userId === null) return c.json({ items: publicItems });
 *   return c.json({ items: getUserItems(userId) });
 * });
 * ```
 */
export function optionalAuth(options: OptionalAuthOptions = {}): MiddlewareHandler {
  const settingsFor = settingsResolver(options);
  return async function optionalAuth(c, next) {
    const pending = authenticate(c, settingsFor(c));
    applyResult(c, pending instanceof Promise ? await pending : pending);
    await next();
  };
}
