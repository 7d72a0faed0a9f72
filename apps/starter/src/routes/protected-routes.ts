/**
 * @module `GET /api/v1/protected`: the example protected route; and `GET /api/v1/protected/step-up`,
 * a step-up route that also needs a second factor verified on the session (`requireTwoFactor()`).
 */
import { requireAuth, requireTwoFactor } from 'flowfull/middleware';
import { z } from 'zod';
import type { RouteContext } from './starter-env.js';

/**
 * Registers the protected routes.
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
  app.get('/api/v1/protected/step-up', requireAuth(), requireTwoFactor(), async (c) => {
    const userId = c.get('user_id');
    return c.json({
      message: 'Step-up data',
      userId,
      twoFactorMethods: c.get('session')?.two_factor_methods ?? [],
    });
  });
  openapi.add({
    method: 'get',
    path: '/api/v1/protected/step-up',
    summary: 'A step-up route: signed-in users whose session passed a second factor',
    tags: ['auth'],
    auth: 'required',
    responses: {
      200: {
        description: 'The caller and the second-factor methods verified on the session',
        schema: z.object({ message: z.string(), userId: z.string(), twoFactorMethods: z.array(z.string()) }),
      },
      401: { description: 'No valid session' },
      403: { description: 'TWO_FACTOR_REQUIRED: the session did not pass a second factor' },
    },
  });
}
