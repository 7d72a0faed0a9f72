/**
 * @module Maps the request-reading keys of the loaded configuration to auth middleware options.
 */
import type { AuthOptions } from './auth-settings.js';

/** The configuration keys the middleware reads (a subset of `FlowfullConfig`). */
export interface AuthMiddlewareConfig {
  readonly AUTH_SESSION_FROM_QUERY: boolean;
  readonly TRUSTED_PROXIES: readonly string[];
}

/**
 * `sessionFromQuery` and `trustedProxies` from the loaded configuration, for `bridgeAuth()`.
 *
 * @example
 * ```ts
 * app.use('*', bridgeAuth({ validator, ...authOptionsFromConfig(config) }));
 * ```
 */
export function authOptionsFromConfig(
  config: AuthMiddlewareConfig,
): Pick<AuthOptions, 'sessionFromQuery' | 'trustedProxies'> {
  return { sessionFromQuery: config.AUTH_SESSION_FROM_QUERY, trustedProxies: config.TRUSTED_PROXIES };
}
