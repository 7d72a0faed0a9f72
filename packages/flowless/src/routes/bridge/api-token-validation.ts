/**
 * @module Bridge validation of a personal API token (`flw_pat_…` sent as the session id): the
 * answer carries `auth_type: 'api_token'` and the token's id beside the user, in the shape Flowfull
 * reads for sessions. Refusals are counted per client IP (the `ip` a Flowfull backend forwards,
 * else the caller's address); past `RATE_LIMIT_API_TOKEN_REFUSALS_MAX` in a window, tokens from
 * that IP that are not already cached are refused without a database look-up.
 */
import { envelope } from 'flowfull/server';
import type { Context } from 'hono';
import type { ApiTokenRecord } from '../../api-tokens/api-token-record.js';
import { iso } from '../../db/values.js';
import { INVALID_SESSION, SESSION_EXPIRED } from '../../errors.js';
import { limitKey } from '../../http/client-ip.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';

const REFUSALS: Record<'malformed' | 'invalid' | 'expired' | 'limited', [string, string]> = {
  malformed: [INVALID_SESSION, 'API_TOKEN_MALFORMED'],
  invalid: [INVALID_SESSION, 'API_TOKEN_INVALID'],
  expired: [SESSION_EXPIRED, 'API_TOKEN_EXPIRED'],
  limited: ['Too many refused API tokens from this address', 'API_TOKEN_RATE_LIMITED'],
};

/** The session object of a token's bridge answer: no IP, user agent or device is bound to a token. */
function presentTokenSession(token: ApiTokenRecord) {
  const expiresAt = token.expiresAt === null ? null : iso(token.expiresAt);
  return {
    id: token.id,
    user_id: token.userId,
    userId: token.userId,
    email: token.user.email,
    name: token.user.name,
    user_type: token.user.userType,
    expires_at: expiresAt,
    expiresAt,
    ip_address: null,
    user_agent: null,
    device_id: null,
    created_at: iso(token.createdAt),
    auth_type: 'api_token',
    token_id: token.id,
    two_factor_verified: 0,
    two_factor_verified_at: null,
    two_factor_methods: [],
  };
}

/**
 * Answers a bridge validation of an API token.
 */
export async function validateApiToken(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  raw: string,
  forwardedIp: string | undefined,
): Promise<Response> {
  const lock = services.limits.apiTokenRefusals;
  // Computed only off the warm path: a cached token needs no key.
  const key = (): string => `ip:${limitKey(forwardedIp ?? c.get('clientIp'))}`;
  const result = await services.apiTokens.validate(raw, {
    admitLookup: async () => (await lock.lockedFor(key())) === 0,
  });
  if (!result.ok) {
    if (result.reason !== 'limited') await lock.fail(key());
    const [error, code] = REFUSALS[result.reason];
    const errorCode =
      result.reason === 'expired' ? 'ERR_FLOWLESS_SESSION_EXPIRED' : 'ERR_FLOWLESS_INVALID_SESSION';
    return c.json(envelope(c, error, errorCode, { valid: false, message: error, reason: code }), 401);
  }
  const { token, cached } = result;
  const session = presentTokenSession(token);
  return c.json({
    success: true,
    valid: true,
    auth_type: 'api_token',
    authType: 'api_token',
    token_id: token.id,
    tokenId: token.id,
    user: presentUser(token.user),
    session,
    expires_at: session.expires_at,
    cached,
    cacheSource: cached ? 'cache' : 'db',
    timestamp: iso(services.clock.now()),
  });
}
