/**
 * @module Profile update (§3.7) on `PUT /auth/user/me` and `PUT /auth/profile`, one handler, both
 * casings. Self-service cannot change the user type, verification, ban or password; changing the
 * email clears verification when verification is required. Per-IP `default` limit.
 */

import { isUniqueViolation } from 'flowfull/db';
import type { Context, Hono } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireSession } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';
import type { UserChanges } from '../../users/user-repository.js';
import { profileBody } from './me-schemas.js';

/**
 * Registers both profile-update paths.
 *
 * @example
 * ```ts
 * registerProfileRoutes(app, services);
 * ```
 */
export function registerProfileRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, sessions, config } = services;

  const update = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const body = await parseBody(c, profileBody);
    const current = c.get('session').user;
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
    if (body.email !== undefined && body.email !== current.email) {
      changes.email = body.email;
      if (config.REQUIRE_EMAIL_VERIFICATION) changes.isVerified = false;
    }
    let updated: Awaited<ReturnType<typeof users.update>>;
    try {
      updated = await users.update(current.id, changes);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new FlowlessError('ERR_FLOWLESS_CONFLICT', 'Email already in use', { status: 409 });
      throw error;
    }
    if (!updated) throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'User not found', { status: 404 });
    await sessions.forgetUser(updated.id);
    const user = presentUser(updated);
    return c.json({ success: true, message: 'Profile updated', data: user, user });
  };

  const guards = [rateLimit(services, 'default'), requireSession(services)] as const;
  app.put('/auth/user/me', ...guards, update);
  app.put('/auth/profile', ...guards, update);
}
