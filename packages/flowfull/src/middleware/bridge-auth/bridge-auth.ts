/**
 * @module bridgeAuth(): installs the app's BridgeValidator and request-reading settings once, so
 * `requireAuth()`, `optionalAuth()` and `routePermissions()` need no arguments.
 */
import type { MiddlewareHandler } from 'hono';
import type { BridgeValidator } from '../../bridge/bridge-validator.js';
import { type AuthOptions, resolveAuthSettings } from '../auth-settings.js';

/** Options of {@link bridgeAuth}. */
export interface BridgeAuthOptions extends AuthOptions {
  /** The app's validator. */
  validator: BridgeValidator;
}

/**
 * App-level middleware installing the validator the auth middleware uses.
 *
 * @example
 * ```ts
 * const app = new Hono();
 * app.use('*', bridgeAuth({ validator: new BridgeValidator({ flowlessApiUrl, validationSecret }) }));
 * app.get('/api/v1/protected', requireAuth(), (c) => c.json({ userId: c.get('user_id') }));
 * ```
 */
export function bridgeAuth(options: BridgeAuthOptions): MiddlewareHandler {
  if (!options?.validator) throw new TypeError('bridgeAuth: option "validator" is required');
  const settings = resolveAuthSettings(options);
  return async function bridgeAuth(c, next) {
    c.set('flowfull_auth', settings);
    await next();
  };
}
