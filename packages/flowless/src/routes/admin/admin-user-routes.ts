/**
 * @module Admin user management (see docs/flowless-contract.md, Admin users) on both path families,
 * `/auth/users…` and
 * `/auth/admin/users…`. Admin or superadmin only; only a superadmin may touch a superadmin or
 * grant/remove that type (under any spelling: `user_type` is read by its canonical name). A ban or
 * a deletion ends the user's sessions everywhere; a new email voids the user's outstanding
 * one-time tokens (reset, verification, email change). Every route
 * takes the per-IP `default` limit, counted before the session check.
 */

import type { Context, Hono } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireAdmin, requireSession } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';
import { registerBody } from '../auth/auth-schemas.js';
import { adminTarget, recordAdminAction, recordingDenial, updateEvent } from './admin-audit.js';
import { listQuery, updateBody } from './admin-schemas.js';
import { updateUserAsAdmin, userNotFound } from './admin-user-actions.js';

/**
 * Registers the admin user routes on both path families.
 */
export function registerAdminUserRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, sessions } = services;
  const guards = [rateLimit(services, 'default'), requireSession(services), requireAdmin(services)] as const;

  const list = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const query = c.req.query();
    const parsed = listQuery.safeParse({ ...query, user_type: query.user_type ?? query.userType });
    if (!parsed.success)
      throw new FlowlessError('ERR_FLOWLESS_BAD_REQUEST', 'Invalid list query', { status: 400 });
    const { page, limit, q, user_type } = parsed.data;
    const result = await users.list({ page, limit, q, userType: user_type });
    const pages = Math.ceil(result.total / limit);
    return c.json({
      success: true,
      data: { users: result.users.map(presentUser), pagination: { page, limit, total: result.total, pages } },
      meta: { page, limit, total: result.total, hasMore: page * limit < result.total, totalPages: pages },
    });
  };

  const create = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const body = await parseBody(c, registerBody);
    const created = await services.registration.createByAdmin(body, c.get('session').user.userType);
    await recordAdminAction(c, services, 'admin.user_created', created.id, { to_type: created.userType });
    const user = presentUser(created);
    return c.json({ success: true, message: 'User created', data: { ...user, user }, user }, 201);
  };

  const show = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const found = await users.findById(c.req.param('id') ?? '');
    if (!found) throw userNotFound();
    const user = presentUser(found);
    return c.json({ success: true, data: { ...user, user }, user });
  };

  const update = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const existing = await adminTarget(c, services);
    const body = await parseBody(c, updateBody);
    const updated = await recordingDenial(
      c,
      services,
      existing.id,
      updateUserAsAdmin(services, c.get('session'), existing, body),
    );
    const event = updateEvent(existing, updated, Object.keys(body));
    await recordAdminAction(c, services, event.action, updated.id, event.details);
    const user = presentUser(updated);
    return c.json({ success: true, message: 'User updated', data: { ...user, user }, user });
  };

  const remove = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const existing = await adminTarget(c, services);
    // Sessions first: revocation finds the cached entries through the session rows.
    await sessions.revokeUser(existing.id);
    await users.delete(existing.id);
    await recordAdminAction(c, services, 'admin.user_deleted', existing.id);
    return c.json({ success: true, message: 'User deleted', data: { id: existing.id } });
  };

  for (const base of ['/auth/users', '/auth/admin/users']) {
    app.get(base, ...guards, list);
    app.post(base, ...guards, create);
    app.get(`${base}/:id`, ...guards, show);
    app.put(`${base}/:id`, ...guards, update);
    app.patch(`${base}/:id`, ...guards, update);
    app.delete(`${base}/:id`, ...guards, remove);
  }
}
