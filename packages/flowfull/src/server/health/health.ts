/**
 * @module health(): `GET /health` (liveness: the process answers) and `GET /health/ready`
 * (readiness: every dependency check passed). Check failures are reported as `fail` or `timeout`
 * only; internal error text never leaves the process.
 */
import { Hono } from 'hono';
import { type Logger, silentLogger } from '../../logger.js';
import { envelope } from '../error-envelope/envelope.js';
import type { ReadinessCheck } from './readiness-checks.js';

/** Options of {@link health}. */
export interface HealthOptions {
  /** Named readiness checks (`database`, `redis`, `flowless`). @default {} */
  checks?: Readonly<Record<string, ReadinessCheck>>;
  /** Time allowed to each check, in ms. @default 2000 */
  timeoutMs?: number;
  /** Where failed checks are logged, with their error. @default silent */
  logger?: Pick<Logger, 'warn'>;
  /** Reports not ready while true (set during shutdown so balancers stop sending traffic). @default () => false */
  draining?: () => boolean;
}

type CheckStatus = 'ok' | 'fail' | 'timeout';

/**
 * The health routes, to mount at the root.
 *
 * @example
 * ```ts
 * app.route('/', health({ checks: { database: databaseCheck(db) } }));
 * // GET /health/ready → 200 {"status":"ready","checks":{"database":"ok"}}
 * ```
 */
export function health(options: HealthOptions = {}): Hono {
  const { checks = {}, timeoutMs = 2000, logger = silentLogger, draining = () => false } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new TypeError('health: option "timeoutMs" must be > 0');
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/health/ready', async (c) => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await run(name, check)] as const),
    );
    const results = Object.fromEntries(entries) as Record<string, CheckStatus>;
    const ready = !draining() && entries.every(([, status]) => status === 'ok');
    if (ready) return c.json({ status: 'ready', checks: results });
    return c.json(
      envelope(c, 'Service not ready', 'ERR_HTTP_NOT_READY', {
        status: draining() ? 'draining' : 'not_ready',
        checks: results,
      }),
      503,
    );
  });
  return app;

  async function run(name: string, check: ReadinessCheck): Promise<CheckStatus> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve('timeout');
      }, timeoutMs);
    });
    try {
      const outcome = await Promise.race([check(controller.signal).then(() => 'ok' as const), timeout]);
      if (outcome === 'timeout')
        logger.warn({ check: name, timeout_ms: timeoutMs }, 'readiness check timed out');
      return outcome;
    } catch (error) {
      logger.warn(
        { check: name, err: error instanceof Error ? error.message : String(error) },
        'readiness check failed',
      );
      return 'fail';
    } finally {
      clearTimeout(timer);
    }
  }
}
