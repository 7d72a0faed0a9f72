/**
 * @module Personal API tokens of the signed-in user: `POST /auth/tokens` creates one (with a fresh
 * proof: the current password or a second-factor code) and shows its secret once, `GET
 * /auth/tokens` lists them, `DELETE /auth/tokens/:id` revokes one on every instance. Only a
 * signed-in session may call them: a token answers 403 `API_TOKEN_NOT_ALLOWED`.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { CreatedApiToken } from '../../api-tokens/api-token-service.js';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { badRequest, FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireSession } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { confirmProof, currentUser } from '../two-factor/two-factor-guards.js';
import { presentApiToken } from './api-token-presenter.js';
import { createTokenBody } from './api-token-schemas.js';

const tokenNotFound = (): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'Token not found', {
    status: 404,
    extra: { code: 'TOKEN_NOT_FOUND' },
  });

/** The parsed body of `POST /auth/tokens`. */
export type CreateTokenInput = z.infer<typeof createTokenBody>;

/**
 * Creates a token for the signed-in user after a fresh proof; the secret is in the answer, once.
 *
 * @throws FlowlessError 400 for an expiry in the past or a refused proof; 409 `TOKEN_LIMIT_REACHED`.
 */
export async function createApiToken(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  body: CreateTokenInput,
): Promise<CreatedApiToken> {
  const { apiTokens, clock, config } = services;
  const expiresAt = body.expires_at === undefined ? null : new Date(body.expires_at).getTime();
  if (expiresAt !== null && expiresAt <= clock.now()) throw badRequest('expires_at must be in the future');
  const user = await currentUser(services, c);
  await confirmProof(services, c, user, body, { change: 'api_token_create' });
  const created = await apiTokens.create(user.id, { name: body.name, expiresAt });
  if (!created) {
    throw new FlowlessError('ERR_FLOWLESS_CONFLICT', `At most ${config.API_TOKEN_MAX_PER_USER} tokens`, {
      status: 409,
      extra: { code: 'TOKEN_LIMIT_REACHED' },
    });
  }
  services.logger.info(
    { event: 'api_token.created', user_id: user.id, token_id: created.token.id },
    'API token created',
  );
  const details = { token_id: created.token.id, ...(body.name && { token_name: body.name }) };
  await auditRequest(c, services.audit, selfEvent('api_token.created', user.id, details));
  return created;
}

/**
 * Revokes token `id` of the signed-in user on every instance.
 *
 * @throws FlowlessError 404 `TOKEN_NOT_FOUND` when the user has no such token.
 */
export async function revokeApiToken(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  id: string,
): Promise<void> {
  const userId = c.get('session').userId;
  if (!(await services.apiTokens.revoke(userId, id))) throw tokenNotFound();
  services.logger.info({ event: 'api_token.revoked', user_id: userId, token_id: id }, 'API token revoked');
  await auditRequest(c, services.audit, selfEvent('api_token.revoked', userId, { token_id: id }));
}

/**
 * Registers the API token routes.
 */
export function registerApiTokenRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { apiTokens } = services;
  const guards = [rateLimit(services, 'default'), requireSession(services)] as const;

  app.post('/auth/tokens', ...guards, async (c) => {
    const created = await createApiToken(services, c, await parseBody(c, createTokenBody));
    return c.json(
      {
        success: true,
        message: 'Copy the token now: it is shown only once',
        secret: created.secret,
        token: presentApiToken(created.token),
      },
      201,
    );
  });

  app.get('/auth/tokens', ...guards, async (c) => {
    const tokens = await apiTokens.list(c.get('session').userId);
    return c.json({ success: true, tokens: tokens.map(presentApiToken) });
  });

  app.delete('/auth/tokens/:id', ...guards, async (c) => {
    await revokeApiToken(services, c, c.req.param('id'));
    return c.json({ success: true, message: 'Token revoked' });
  });
}
