/**
 * @module The per-IP limits of the JSON routes on the account forms, answered as a page: a
 * person over the limit sees a 429 page saying when to try again, not a JSON body.
 */
import type { MiddlewareHandler } from 'hono';
import { limitKey } from '../../http/client-ip.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { LimitedRoute } from '../../services/flowless-services.js';
import { renderErrorPage } from '../error-page.js';
import type { PageRouter } from '../page-router.js';

/**
 * Counts each post on `route`'s window (the one its JSON route uses); over the limit, answers
 * 429 with `Retry-After` and a page.
 */
export function pageRateLimit(pages: PageRouter, route: LimitedRoute): MiddlewareHandler<FlowlessEnv> {
  const limiter = pages.services.limits.byIp[route];
  return async function pageRateLimitMiddleware(c, next) {
    const decision = await limiter.hit(limitKey(c.get('clientIp')));
    if (decision.allowed) {
      await next();
      return undefined;
    }
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    c.header('Retry-After', String(seconds));
    return renderErrorPage(pages, c, {
      status: 429,
      title: 'Too many requests',
      message: `Please wait ${seconds} seconds, then try again.`,
    });
  };
}
