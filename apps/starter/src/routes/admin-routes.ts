/**
 * @module `DELETE /api/v1/admin/users/:id` (admins only): deletes the user at Flowless — as the
 * calling admin, so Flowless applies its own rules and ends the user's sessions — and the user's
 * items here.
 */
import { publishRevocation } from 'flowfull/bridge';
import { ADMIN_USER_TYPES, extractSessionId, requireAuth, requireUserType } from 'flowfull/middleware';
import { ApiError, zodValidator } from 'flowfull/server';
import { z } from 'zod';
import type { RouteContext } from './starter-env.js';

const userIdSchema = z.object({ id: z.string().min(1).max(128) });

/**
 * Registers the admin routes.
 */
export function registerAdminRoutes({ app, services, openapi }: RouteContext): void {
  app.delete(
    '/api/v1/admin/users/:id',
    requireAuth(),
    requireUserType(ADMIN_USER_TYPES),
    zodValidator('param', userIdSchema),
    async (c) => {
      const userId = c.req.valid('param').id;
      const sessionId = extractSessionId(c);
      if (sessionId === null) throw new ApiError(401, 'SESSION_MISSING', 'Session ID required');
      const outcome = await services.flowlessAdmin.deleteUser(userId, sessionId);
      if (outcome === 'forbidden')
        throw new ApiError(403, 'ERR_ADMIN_FORBIDDEN', 'The auth server refused this deletion');
      if (outcome === 'failed')
        throw new ApiError(502, 'ERR_AUTH_SERVER_FAILED', 'The auth server could not delete the user');
      const itemsDeleted = await services.items.deleteByOwner(userId);
      // Drops validations of this user's sessions cached here and, through Redis, on other instances.
      const revocation = { type: 'user.sessions_revoked', user_id: userId } as const;
      await services.validator.applyRevocation(revocation);
      if (services.redis) await publishRevocation(services.redis, revocation).catch(() => 0);
      if (outcome === 'not_found' && itemsDeleted === 0)
        throw new ApiError(404, 'ERR_USER_NOT_FOUND', 'User not found');
      return c.json({
        success: true,
        data: { user_id: userId, auth_user_deleted: outcome === 'deleted', items_deleted: itemsDeleted },
      });
    },
  );
  openapi.add({
    method: 'delete',
    path: '/api/v1/admin/users/:id',
    summary: 'Delete a user at the auth server and their items here (admin, superadmin)',
    tags: ['admin'],
    auth: 'required',
    params: userIdSchema,
    responses: {
      200: {
        description: 'Deleted',
        schema: z.object({
          success: z.literal(true),
          data: z.object({ user_id: z.string(), auth_user_deleted: z.boolean(), items_deleted: z.number() }),
        }),
      },
      403: { description: 'Not an admin' },
      404: { description: 'No such user' },
    },
  });
}
