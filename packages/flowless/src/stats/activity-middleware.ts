/**
 * @module The app middleware that feeds the activity counters: every request's latency (on the
 * injected clock) and every refusal answered 429, whichever limiter refused it (per IP, per
 * address, per user).
 */
import type { MiddlewareHandler } from 'hono';
import type { FlowlessEnv } from '../http/flowless-env.js';
import type { Clock } from '../runtime/clock.js';
import type { ActivityStats } from './activity-stats.js';

/**
 * Measures each request and counts rate-limit refusals.
 */
export function activityMiddleware(activity: ActivityStats, clock: Clock): MiddlewareHandler<FlowlessEnv> {
  return async function activityMiddlewareHandler(c, next) {
    const started = clock.now();
    await next();
    if (c.res.status === 429) activity.count('rate_limited');
    activity.observeRequest(clock.now() - started);
  };
}
