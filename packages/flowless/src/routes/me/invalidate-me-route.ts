/**
 * @module `POST /auth/invalidate/me` (see docs/flowless-contract.md, The signed-in user): drops the
 * caller's cached validations on every
 * instance; 10 requests per 5 minutes per user by default (`RATE_LIMIT_INVALIDATE_ME_MAX`,
 * `RATE_LIMIT_INVALIDATE_ME_WINDOW_MS`). The limit is keyed by the signed-in user, not the IP:
 * what it protects is the user's cache and the broadcast to every instance, a user changing
 * address must not get a fresh budget, and users sharing an address must not share one.
 */
import type { Hono } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimited, requireSession } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';

/**
 * Registers the cache-invalidation route.
 */
export function registerInvalidateMeRoute(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  app.post('/auth/invalidate/me', requireSession(services), async (c) => {
    const userId = c.get('session').userId;
    const decision = await services.limits.byUser.invalidateMe.hit(`user:${userId}`);
    if (!decision.allowed) throw rateLimited(decision.retryAfterMs);
    await services.sessions.forgetUser(userId);
    return c.json({ success: true, message: 'Cache invalidated' });
  });
}
