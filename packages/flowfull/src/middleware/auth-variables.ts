/**
 * @module The context variables the auth middleware sets, typed for `c.get()` by augmenting
 * Hono's `ContextVariableMap`.
 */
import type { BridgeSession } from '../bridge/types.js';
import type { AuthSettings } from './auth-settings.js';

/** Variables set by `requireAuth()`, `optionalAuth()` and `routePermissions()`. */
export interface AuthVariables {
  /** Id of the authenticated user; null for a guest, who has none. */
  user_id: string | null;
  /** The validated session (unset for guests). */
  session: BridgeSession;
  /** True when the request carries no valid session. */
  is_guest: boolean;
}

/**
 * The variables a handler behind `requireAuth()` reads: there the user is always authenticated,
 * so `c.get('user_id')` is typed `string`.
 */
export interface AuthenticatedVariables {
  /** Id of the authenticated user. */
  user_id: string;
  /** The validated session. */
  session: BridgeSession;
  /** Always false behind `requireAuth()`. */
  is_guest: false;
}

/** Variables set by `bridgeAuth()`. */
export interface BridgeAuthVariables {
  /** The app's auth settings and validator. */
  flowfull_auth: AuthSettings;
}

declare module 'hono' {
  interface ContextVariableMap extends AuthVariables, BridgeAuthVariables {}
}
