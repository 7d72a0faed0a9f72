/**
 * @module applyServerDefaults(): installs the production HTTP defaults on a Hono app in the right
 * order — request id, request log, metrics, the error envelope, security headers, CORS, body limit,
 * as one middleware — and mounts `/health`, `/health/ready`, `/metrics` and `/openapi.json`.
 */
import type { Env, Hono, Schema } from 'hono';
import type { BlankEnv, BlankSchema } from 'hono/types';
import type { Logger } from '../logger.js';
import { bodyLimitGate, DEFAULT_BODY_LIMIT } from './body-limit/index.js';
import { corsPolicy } from './cors-origins/index.js';
import { handleError, handleNotFound } from './error-envelope/index.js';
import { health, type ReadinessCheck } from './health/index.js';
import { createHttpMetrics, type HttpMetrics } from './metrics/index.js';
import type { OpenApiRegistry } from './openapi/index.js';
import { requestIdAssigner } from './request-id/index.js';
import { requestLine } from './request-logger/index.js';
import { securityHeaderList } from './security-headers/index.js';
import { serverDefaults } from './server-defaults-middleware.js';

/** Options of {@link applyServerDefaults}. */
export interface ServerDefaultsOptions {
  /** Structured logger (pino). */
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Origins allowed by CORS, exactly (`CORS_ORIGINS`). @default [] (no cross-origin access) */
  corsOrigins?: readonly string[];
  /** Largest request body, in bytes. @default 1 MiB */
  bodyLimit?: number;
  /** Show stack traces in 5xx envelopes; never turn on in production. @default false */
  exposeStack?: boolean;
  /** Send HSTS. @default true */
  hsts?: boolean;
  /** Readiness checks for `/health/ready`. @default {} */
  readiness?: Readonly<Record<string, ReadinessCheck>>;
  /** Reports not ready while true (shutdown). @default () => false */
  draining?: () => boolean;
  /** Metrics served at `/metrics`; `false` serves none. @default createHttpMetrics() */
  metrics?: HttpMetrics | false;
  /** Served at `/openapi.json` when given. @default none */
  openapi?: OpenApiRegistry;
}

/**
 * Applies the defaults; call before registering the app's own routes. Generic over the app's
 * `Env`, so an app typed with its own context variables keeps its type.
 *
 * @example
 * ```ts
 * const app = new Hono();
 * applyServerDefaults(app, { logger, corsOrigins: config.CORS_ORIGINS, readiness: { database: databaseCheck(db) } });
 * app.get('/api/v1/hello', (c) => c.json({ hello: 'world' }));
 * ```
 */
export function applyServerDefaults<
  E extends Env = BlankEnv,
  S extends Schema = BlankSchema,
  BasePath extends string = '/',
>(app: Hono<E, S, BasePath>, options: ServerDefaultsOptions): Hono<E, S, BasePath> {
  const { logger } = options;
  if (!logger) throw new TypeError('applyServerDefaults: option "logger" is required');
  const metrics = options.metrics === undefined ? createHttpMetrics() : options.metrics;
  const onError = handleError({ logger, exposeStack: options.exposeStack ?? false });
  app.onError(onError);
  app.notFound(handleNotFound);
  // One middleware doing the work of requestId(), requestLogger(), metrics(), errorEnvelope(),
  // securityHeaders(), corsOrigins() and limitBody(), in that order.
  app.use(
    serverDefaults({
      assignRequestId: requestIdAssigner(),
      logRequest: requestLine({ logger, skipPaths: ['/health', '/health/ready', '/metrics'] }),
      metrics,
      securityHeaders: securityHeaderList({ hsts: options.hsts ?? true }),
      cors: corsPolicy({ origins: options.corsOrigins ?? [] }),
      bodyLimit: bodyLimitGate(options.bodyLimit ?? DEFAULT_BODY_LIMIT),
      onError,
    }),
  );
  app.route(
    '/',
    health({
      checks: options.readiness ?? {},
      logger,
      ...(options.draining ? { draining: options.draining } : {}),
    }),
  );
  if (metrics) app.get('/metrics', metrics.metricsHandler());
  if (options.openapi) app.get('/openapi.json', options.openapi.handler());
  return app;
}
