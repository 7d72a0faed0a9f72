/**
 * @module `createFlowlessApp(deps)`: the Flowless HTTP app on Hono, with its services wired from
 * injected dependencies and its cross-instance revocation listener started.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { errorEnvelope, notFoundEnvelope } from './http/error-envelope.js';
import type { FlowlessEnv } from './http/flowless-env.js';
import { clientIp } from './http/middleware.js';
import { registerAdminUserRoutes } from './routes/admin/admin-user-routes.js';
import { registerLoginRoute } from './routes/auth/login.js';
import { registerRegistrationRoutes } from './routes/auth/register.js';
import { registerSessionRoutes } from './routes/auth/session-routes.js';
import { registerBridgeRoutes } from './routes/bridge/bridge-routes.js';
import { registerHealthRoute } from './routes/health/health-route.js';
import { registerInvalidateMeRoute } from './routes/me/invalidate-me-route.js';
import { registerMeRoutes } from './routes/me/me-routes.js';
import { registerPasswordChangeRoutes } from './routes/me/password-change-routes.js';
import { registerProfileRoutes } from './routes/me/profile-routes.js';
import { registerPasswordResetRoutes } from './routes/password-reset/password-reset-routes.js';
import { registerVerificationRoutes } from './routes/verification/verification-routes.js';
import {
  createFlowlessServices,
  type FlowlessDeps,
  type FlowlessServices,
} from './services/flowless-services.js';

/** A running Flowless app. */
export interface FlowlessApp {
  /** The Hono app: `app.fetch` for a server, `app.request()` in tests. */
  readonly app: Hono<FlowlessEnv>;
  /** The wired services. */
  readonly services: FlowlessServices;
  /** Waits for background work (mail, activity updates) started so far. */
  drain(): Promise<void>;
  /** Waits for background work and closes the session cache. Does not close db or Redis. */
  close(): Promise<void>;
}

const ALLOWED_HEADERS = [
  'Content-Type',
  'Accept',
  'X-Session-ID',
  'X-Bridge-Secret',
  'Cache-Control',
  'Authorization',
];

/**
 * Builds the Flowless app.
 *
 * @example
 * ```ts
 * const { app, close } = await createFlowlessApp({ config, db, redis });
 * serve({ fetch: app.fetch, port: config.PORT });
 * ```
 */
export async function createFlowlessApp(deps: FlowlessDeps): Promise<FlowlessApp> {
  const services = createFlowlessServices(deps);
  const { config } = services;
  const app = new Hono<FlowlessEnv>();
  const origins = new Set([new URL(config.FRONTEND_URL).origin, ...config.CORS_ORIGINS]);

  app.onError(errorEnvelope(services.logger));
  app.notFound(notFoundEnvelope);
  app.use(
    cors({
      origin: (origin) => (origins.has(origin) ? origin : null),
      credentials: true,
      allowHeaders: ALLOWED_HEADERS,
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    }),
  );
  app.use(clientIp(services));

  registerHealthRoute(app);
  registerLoginRoute(app, services);
  registerRegistrationRoutes(app, services);
  registerSessionRoutes(app, services);
  registerMeRoutes(app, services);
  registerProfileRoutes(app, services);
  registerPasswordChangeRoutes(app, services);
  registerInvalidateMeRoute(app, services);
  registerPasswordResetRoutes(app, services);
  registerVerificationRoutes(app, services);
  registerAdminUserRoutes(app, services);
  registerBridgeRoutes(app, services);

  // Invalidations from other instances must reach this one before it serves a cached session.
  if (!(await services.sessionCache.ready())) {
    services.logger.warn({}, 'session cache: Redis not ready, serving from memory until it is');
  }
  return {
    app,
    services,
    drain: () => services.tasks.drain(),
    async close() {
      await services.tasks.drain();
      await services.sessionCache.close();
    },
  };
}
