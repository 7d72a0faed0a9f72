/**
 * @module flowfull/middleware: route protection on Hono. Install the validator once with
 * `bridgeAuth()`, then use `requireAuth()`, `optionalAuth()`, `requireUserType()`, `requireTwoFactor()`,
 * `refuseApiTokens()` and `routePermissions()` without arguments; `csrfProtection()` guards cookie sessions. `c.get('user_id')`, `c.get('session')` and
 * `c.get('is_guest')` are typed.
 */
export type { AuthOptions } from './auth-settings.js';
export type { AuthVariables, BridgeAuthVariables } from './auth-variables.js';
export type { BridgeAuthOptions } from './bridge-auth/index.js';
export { bridgeAuth } from './bridge-auth/index.js';
export type { CsrfProtectionOptions } from './csrf-protection/index.js';
export { csrfProtection, csrfRefusal } from './csrf-protection/index.js';
export type { MiddlewareErrorCode } from './errors.js';
export { MiddlewareConfigError } from './errors.js';
export type { SessionIdRefusal, SessionIdSettings } from './extract-session-id.js';
export { extractSessionId, readSessionId } from './extract-session-id.js';
export type { AuthMiddlewareConfig } from './from-config.js';
export { authOptionsFromConfig } from './from-config.js';
export type { OptionalAuthOptions } from './optional-auth/index.js';
export { optionalAuth } from './optional-auth/index.js';
export { apiTokenRefusal, refuseApiTokens } from './refuse-api-tokens/index.js';
export type { RequireAuthOptions } from './require-auth/index.js';
export { requireAuth } from './require-auth/index.js';
export type { RequireTwoFactorOptions } from './require-two-factor/index.js';
export { requireTwoFactor } from './require-two-factor/index.js';
export { requireUserType } from './require-user-type/index.js';
export type { OwnershipCheck, RoutePermission, RoutePermissionsOptions } from './route-permissions/index.js';
export { routePermissions } from './route-permissions/index.js';
export { DEFAULT_SESSION_COOKIES } from './session-cookies.js';
export {
  ADMIN_USER_TYPE,
  ADMIN_USER_TYPES,
  canonicalUserType,
  isAdminUserType,
  SUPERADMIN_USER_TYPE,
} from './user-types.js';
