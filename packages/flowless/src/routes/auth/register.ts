/**
 * @module Registration (see docs/flowless-contract.md, Sign-in and sessions):
 * `POST /auth/register/public`, and `POST /auth/register`,
 * which honours `userType` only for an admin session and otherwise forces the default type.
 * With email verification on (the default), a new and an already-registered email get the same
 * answer after the same work; the owner of the existing account is told by mail instead. Every
 * answer carries the user's id as `data.id` and `id` (the Pubflow client reads
 * `RegistrationResult.id` from `data.id`).
 */

import { isAdminUserType } from 'flowfull/middleware';
import type { Hono } from 'hono';
import { auditRequest } from '../../audit/audit-request.js';
import { bridgeSecretCheck } from '../../http/bridge-secret.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { readBody, validateBody } from '../../http/request-body.js';
import { sessionIdFrom } from '../../http/session-id.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';
import { registerBody } from './auth-schemas.js';
import { answerSelfRegistration } from './self-registration.js';

/**
 * Registers both registration routes.
 */
export function registerRegistrationRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const assertBridgeSecret = bridgeSecretCheck(services.config.BRIDGE_VALIDATION_SECRET);
  app.post('/auth/register/public', rateLimit(services, 'register'), async (c) => {
    const raw = await readBody(c);
    if (services.config.REGISTER_REQUIRES_BRIDGE_SECRET) assertBridgeSecret(c, raw);
    return answerSelfRegistration(c, services, validateBody(raw, registerBody));
  });

  app.post('/auth/register', rateLimit(services, 'register'), async (c) => {
    const raw = await readBody(c);
    const sessionId = sessionIdFrom(c, { allowQuery: false });
    const lookup = sessionId ? await services.sessions.validate(sessionId) : null;
    if (lookup?.ok && isAdminUserType(lookup.session.user.userType)) {
      const body = validateBody(raw, registerBody);
      const created = await services.registration.createByAdmin(body, lookup.session.user.userType);
      await auditRequest(c, services.audit, {
        action: 'admin.user_created',
        outcome: 'success',
        actorUserId: lookup.session.userId,
        subjectUserId: created.id,
        details: { to_type: created.userType },
      });
      const user = presentUser(created);
      return c.json(
        { success: true, message: 'User created', data: { ...user, user }, id: user.id, user },
        201,
      );
    }
    // Without an admin session the requested type is ignored (self-registration never honours it).
    return answerSelfRegistration(c, services, validateBody(raw, registerBody));
  });
}
