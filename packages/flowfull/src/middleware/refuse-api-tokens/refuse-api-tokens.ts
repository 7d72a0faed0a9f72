/**
 * @module refuseApiTokens(): after `requireAuth()` or `optionalAuth()`, refuses requests
 * authenticated by a personal API token (`Authorization: Bearer flw_pat_…`) with 403
 * `API_TOKEN_NOT_ALLOWED`, for routes only a signed-in person may use (account settings, payments,
 * anything a leaked machine credential must not reach). Sessions and guests pass.
 */
import type { Context, MiddlewareHandler } from 'hono';

/**
 * The 403 `API_TOKEN_NOT_ALLOWED` answer.
 *
 * @example
 * ```ts
 * if (c.get('session')?.auth_type === 'api_token') return apiTokenRefusal(c);
 * ```
 */
export function apiTokenRefusal(c: Context): Response {
  return c.json(
    {
      success: false,
      error: 'Personal API tokens cannot be used here; sign in',
      code: 'API_TOKEN_NOT_ALLOWED',
    },
    403,
  );
}

/**
 * Refuses API-token principals on a route.
 *
 * @example
 * ```ts
 * app.post('/api/v1/billing', requireAuth(), refuseApiTokens(), handler);
 * // the same, in one middleware:
 * app.post('/api/v1/billing', requireAuth({ allowApiTokens: false }), handler);
 * ```
 */
export function refuseApiTokens(): MiddlewareHandler {
  return async function refuseApiTokens(c, next) {
    if (c.get('session')?.auth_type === 'api_token') return apiTokenRefusal(c);
    await next();
    return undefined;
  };
}
