/**
 * @module `POST /auth/email-change/confirm`: completes a self-service email change with the token
 * mailed to the new address. No session is needed (the link may be opened on another device): the
 * token alone proves the address. The account takes the new address, verified; every outstanding
 * one-time token of the user is voided and cached validations are dropped. If another account
 * took the address meanwhile, the answer is a 409 and the account keeps its address.
 */
import { isUniqueViolation } from 'flowfull/db';
import type { Hono } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { confirmBody } from './email-change-schemas.js';

const invalidToken = (): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_INVALID_TOKEN', 'Invalid or expired token', { status: 400 });

const addressTaken = (): FlowlessError =>
  new FlowlessError(
    'ERR_FLOWLESS_CONFLICT',
    'This email address is already used by another account; the email was not changed',
    { status: 409 },
  );

/**
 * Registers the email-change confirmation route.
 */
export function registerEmailChangeRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, tokens, sessions } = services;

  app.post('/auth/email-change/confirm', rateLimit(services, 'verify'), async (c) => {
    const body = await parseBody(c, confirmBody);
    const consumed = await tokens.consume(body.token, 'email_change');
    const user = consumed && (await users.findById(consumed.userId));
    if (!consumed?.sentTo || !user || user.isBanned) throw invalidToken();
    const newEmail = consumed.sentTo;
    const holder = await users.findByEmail(newEmail);
    if (holder && holder.id !== user.id) throw addressTaken();
    try {
      await users.update(user.id, { email: newEmail, isVerified: true });
    } catch (error) {
      // Another account took the address between the check and the update.
      if (isUniqueViolation(error)) throw addressTaken();
      throw error;
    }
    await tokens.voidAll(user.id);
    await sessions.forgetUser(user.id);
    return c.json({ success: true, message: 'Email address changed', email: newEmail });
  });
}
