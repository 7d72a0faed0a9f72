/**
 * @module Profile update (see docs/flowless-contract.md, The signed-in user) on `PUT /auth/user/me`
 * and `PUT /auth/profile`, one handler, both
 * casings. Self-service cannot change the user type, verification, ban or password. A new email
 * needs a fresh proof (the current password, or a code of an active second factor) and only
 * becomes a pending change: the account keeps its address
 * until the link mailed to the new one is confirmed (`POST /auth/email-change/confirm`), and the
 * answer is the same whether another account holds that address or not. Per-IP `default` limit;
 * an email change also counts on the verification budget, since it sends mail.
 */

import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { FlowlessError } from '../../errors.js';
import { limitKey } from '../../http/client-ip.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, rateLimited, requireSession } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';
import type { UserRecord } from '../../users/user-record.js';
import type { UserChanges } from '../../users/user-repository.js';
import { queueEmailChange } from '../email-change/email-change-request.js';
import { confirmProof } from '../two-factor/two-factor-guards.js';
import { profileBody } from './me-schemas.js';

/** The profile fields a user may change on themselves (the email aside), as parsed by `profileBody`. */
export type ProfileChanges = Omit<z.infer<typeof profileBody>, 'email' | 'verify_url'>;

/**
 * Saves the profile fields of `changes` that are set (a new username must be free) and drops the
 * user's cached validations, so every instance sees the change.
 *
 * @throws FlowlessError 409 `ERR_FLOWLESS_CONFLICT` when the username is taken; 404 when the
 *   user is gone.
 */
export async function applyProfileChanges(
  services: FlowlessServices,
  current: UserRecord,
  body: ProfileChanges,
): Promise<UserRecord> {
  const { users, sessions } = services;
  const changes: UserChanges = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.last_name !== undefined) changes.lastName = body.last_name;
  if (body.phone !== undefined) changes.phone = body.phone;
  if (body.picture !== undefined) changes.picture = body.picture;
  if (body.lang !== undefined) changes.lang = body.lang;
  if (body.metadata !== undefined) changes.metadata = body.metadata;
  if (body.user_name !== undefined && body.user_name.toLowerCase() !== current.username) {
    if (await users.findByUsername(body.user_name)) {
      throw new FlowlessError('ERR_FLOWLESS_CONFLICT', 'Username already taken', { status: 409 });
    }
    changes.username = body.user_name;
  }
  const updated = await users.update(current.id, changes);
  if (!updated) throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'User not found', { status: 404 });
  await sessions.forgetUser(updated.id);
  return updated;
}

/**
 * Registers both profile-update paths.
 */
export function registerProfileRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { limits } = services;

  const update = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const body = await parseBody(c, profileBody);
    const current = c.get('session').user;
    const newEmail = body.email !== undefined && body.email !== current.email ? body.email : null;
    if (newEmail !== null) {
      const decision = await limits.byIp.verify.hit(limitKey(c.get('clientIp')));
      if (!decision.allowed) throw rateLimited(decision.retryAfterMs);
      // The current password, or a code of an active second factor.
      await confirmProof(services, c, current, body, { change: 'email_change' });
    }
    const updated = await applyProfileChanges(services, current, body);
    const user = presentUser(updated);
    if (newEmail === null) return c.json({ success: true, message: 'Profile updated', data: user, user });
    queueEmailChange(services, updated, newEmail, body.verify_url);
    return c.json({
      success: true,
      message: 'Profile updated. To change the email address, open the link sent to the new address.',
      data: user,
      user,
      pending_email: newEmail,
      pendingEmail: newEmail,
    });
  };

  const guards = [rateLimit(services, 'default'), requireSession(services)] as const;
  app.put('/auth/user/me', ...guards, update);
  app.put('/auth/profile', ...guards, update);
}
