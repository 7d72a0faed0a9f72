/**
 * @module Request middleware of the Flowless app: client IP, per-IP rate limits, session and
 * admin guards.
 */
import { isAdminUserType } from 'flowfull/middleware';
import { readHeader, socketAddress } from 'flowfull/server';
import type { MiddlewareHandler } from 'hono';
import { looksLikeApiToken } from '../api-tokens/api-token-format.js';
import { auditRequest } from '../audit/audit-request.js';
import { FlowlessError, invalidSession, sessionExpired } from '../errors.js';
import type { FlowlessServices, LimitedRoute } from '../services/flowless-services.js';
import { clientIpResolver, limitKey } from './client-ip.js';
import type { FlowlessEnv } from './flowless-env.js';
import { sessionIdFrom } from './session-id.js';

/**
 * Sets `clientIp`, trusting `X-Forwarded-For` only from `TRUSTED_PROXIES` (IPv4 or IPv6 addresses
 * and CIDR ranges).
 */
export function clientIp(services: FlowlessServices): MiddlewareHandler<FlowlessEnv> {
  const clientIpOf = clientIpResolver(services.config.TRUSTED_PROXIES);
  return async function clientIpMiddleware(c, next) {
    c.set('clientIp', clientIpOf(socketAddress(c), readHeader(c, 'x-forwarded-for')));
    await next();
  };
}

/**
 * Throws the 429 answer for a refused request.
 */
export function rateLimited(retryAfterMs: number): FlowlessError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new FlowlessError('ERR_FLOWLESS_RATE_LIMITED', 'Too many requests', {
    status: 429,
    headers: { 'Retry-After': String(seconds) },
    extra: { retry_after: seconds },
  });
}

/**
 * Limits requests per client IP (per /64 for IPv6) on `route`'s sliding window, answering 429
 * with `Retry-After` once the window is full. Put it before the session guard, so that requests
 * with bad session ids are counted too.
 */
export function rateLimit(services: FlowlessServices, route: LimitedRoute): MiddlewareHandler<FlowlessEnv> {
  return async function rateLimitMiddleware(c, next) {
    await countRequest(services, route, c.get('clientIp'));
    await next();
  };
}

/**
 * Counts one request of `clientIp` on `route`'s window (what {@link rateLimit} does, for a handler
 * that answers the refusal itself: a hosted page).
 *
 * @throws FlowlessError 429 {@link rateLimited} once the window is full.
 */
export async function countRequest(
  services: FlowlessServices,
  route: LimitedRoute,
  clientIp: string,
): Promise<void> {
  const decision = await services.limits.byIp[route].hit(limitKey(clientIp));
  if (!decision.allowed) throw rateLimited(decision.retryAfterMs);
}

/**
 * 403 `API_TOKEN_NOT_ALLOWED`: a personal API token was sent where a signed-in session is needed.
 * Tokens are for Flowfull backends (through the bridge); on Flowless they cannot create or revoke
 * tokens, change the password, email or second factors, or list sessions.
 */
export function apiTokenNotAllowed(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_FORBIDDEN', 'Personal API tokens cannot be used here; sign in', {
    status: 403,
    extra: { code: 'API_TOKEN_NOT_ALLOWED' },
  });
}

/**
 * Throws {@link apiTokenNotAllowed} when the credential of a request is an API token (by its
 * prefix, well formed or not: no look-up is needed to refuse it).
 */
export function refuseApiToken(credential: string | null): void {
  if (credential !== null && looksLikeApiToken(credential)) throw apiTokenNotAllowed();
}

/**
 * Requires a valid session; sets `session` and `sessionId`. Answers 401 with `"Invalid session"`
 * or `"Session expired"`, 403 `API_TOKEN_NOT_ALLOWED` to an API token. `?session_id=` counts only
 * when `AUTH_SESSION_FROM_QUERY` is on.
 */
export function requireSession(services: FlowlessServices): MiddlewareHandler<FlowlessEnv> {
  const from = { allowQuery: services.config.AUTH_SESSION_FROM_QUERY };
  return async function requireSessionMiddleware(c, next) {
    const id = sessionIdFrom(c, from);
    refuseApiToken(id);
    if (!id) throw invalidSession();
    const result = await services.sessions.validate(id);
    if (!result.ok) throw result.reason === 'expired' ? sessionExpired() : invalidSession();
    c.set('sessionId', id);
    c.set('session', result.session);
    await next();
  };
}

/**
 * Requires the session's user to be an admin or superadmin (after {@link requireSession}); a
 * refusal is recorded in the audit log as `admin.access_denied`, naming the route.
 */
export function requireAdmin(services: FlowlessServices): MiddlewareHandler<FlowlessEnv> {
  return async function requireAdminMiddleware(c, next) {
    const { user } = c.get('session');
    if (!isAdminUserType(user.userType)) {
      await auditRequest(c, services.audit, {
        action: 'admin.access_denied',
        outcome: 'denied',
        actorUserId: user.id,
        details: { route: `${c.req.method} ${c.req.routePath}`, reason: 'not_admin' },
      });
      throw new FlowlessError('ERR_FLOWLESS_FORBIDDEN', 'Insufficient permissions', { status: 403 });
    }
    await next();
  };
}
