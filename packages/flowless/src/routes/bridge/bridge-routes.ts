/**
 * @module The Bridge (server to server, `X-Bridge-Secret`): `POST /auth/bridge/validate` with its
 * alias `POST /bridge/validate` (see docs/flowless-contract.md, Bridge), the hot path, served from the session cache; and
 * `POST /auth/bridge/invalidate`, which revokes one session or every session of a user. A personal
 * API token (`flw_pat_…`) in place of the session id is validated as one (`auth_type: 'api_token'`).
 * Validate reads `?session_id=` only when `AUTH_SESSION_FROM_QUERY` is on.
 */
import { envelope, readHeader } from 'flowfull/server';
import type { Context, Hono } from 'hono';
import { looksLikeApiToken } from '../../api-tokens/api-token-format.js';
import { iso } from '../../db/values.js';
import { FlowlessError, INVALID_SESSION, SESSION_EXPIRED } from '../../errors.js';
import { bridgeSecretCheck } from '../../http/bridge-secret.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { presentSession } from '../../http/presenters.js';
import { readBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';
import { validateApiToken } from './api-token-validation.js';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * Registers the bridge routes.
 */
export function registerBridgeRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { sessions, config, clock } = services;
  const assertBridgeSecret = bridgeSecretCheck(config.BRIDGE_VALIDATION_SECRET);
  const fromQuery = config.AUTH_SESSION_FROM_QUERY;

  const validate = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const body = await readBody(c);
    assertBridgeSecret(c, body);
    services.activity.count('bridge_validation');
    const id =
      text(body.session_id) ??
      (fromQuery ? text(c.req.query('session_id')) : undefined) ??
      text(readHeader(c, 'x-session-id'));
    if (id !== undefined && looksLikeApiToken(id))
      return validateApiToken(c, services, id, text(body.ip_address));
    const result = id ? await sessions.validate(id) : ({ ok: false, reason: 'invalid' } as const);
    if (!result.ok) {
      const [error, code] =
        result.reason === 'expired'
          ? [SESSION_EXPIRED, 'ERR_FLOWLESS_SESSION_EXPIRED']
          : [INVALID_SESSION, 'ERR_FLOWLESS_INVALID_SESSION'];
      return c.json(envelope(c, error, code, { valid: false, message: error }), 401);
    }
    const { session, cached } = result;
    const presented = presentSession(session);
    return c.json({
      success: true,
      valid: true,
      auth_type: 'session',
      user: presentUser(session.user),
      session: presented,
      expires_at: presented.expires_at,
      cached,
      cacheSource: cached ? 'cache' : 'db',
      timestamp: iso(clock.now()),
    });
  };
  app.post('/auth/bridge/validate', validate);
  app.post('/bridge/validate', validate);

  app.post('/auth/bridge/invalidate', async (c) => {
    const body = await readBody(c);
    assertBridgeSecret(c, body);
    const sessionId = text(body.session_id);
    const sessionHash = text(body.session_hash);
    if (sessionHash !== undefined && !/^[0-9a-f]{64}$/.test(sessionHash)) {
      throw new FlowlessError('ERR_FLOWLESS_BAD_REQUEST', 'session_hash must be a hex SHA-256', {
        status: 400,
      });
    }
    const userId = text(body.user_id);
    if (sessionId) return c.json({ success: true, revoked: await sessions.revoke(sessionId) });
    if (sessionHash) return c.json({ success: true, revoked: await sessions.revokeHash(sessionHash) });
    if (userId) {
      await sessions.revokeUser(userId);
      return c.json({ success: true, revoked: true });
    }
    throw new FlowlessError('ERR_FLOWLESS_BAD_REQUEST', 'session_id, session_hash or user_id is required', {
      status: 400,
    });
  });
}
