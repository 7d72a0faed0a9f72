/**
 * @module `GET /api/v1/protected`: the spec's protected route.
 */
import { requireAuth } from 'flowfull/middleware';
import { z } from 'zod';
import type { RouteContext } from './starter-env.js';

/**
 * Registers the protected route.
 */
export function registerProtectedRoutes({ app, openapi }: RouteContext): void {
  app.get('/api/v1/protected', requireAuth(), async (c) => {
    const userId = c.get('user_id');
    return c.json({ message: 'Protected data', userId });
  });
  openapi.add({
    method: 'get',
    path: '/api/v1/protected',
    summary: 'A route only signed-in users reach',
    tags: ['auth'],
    auth: 'required',
    responses: {
      200: { description: 'The caller', schema: z.object({ message: z.string(), userId: z.string() }) },
      401: { description: 'No valid session' },
    },
  });
}
