/**
 * @module `GET /health` (§3.18): 200 `{status:"ok"}` while the process serves requests.
 */
import type { Hono } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';

/**
 * Registers the health route.
 *
 * @example
 * ```ts
 * registerHealthRoute(app);
 * ```
 */
export function registerHealthRoute(app: Hono<FlowlessEnv>): void {
  app.get('/health', (c) => c.json({ status: 'ok', success: true }));
}
