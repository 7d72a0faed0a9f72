/**
 * @module createStarterApp(): the starter's Hono app — production defaults from flowfull/server,
 * CSRF protection of cookie sessions, the validator installed once with bridgeAuth(), the route
 * modules, and the demo console at `/`.
 */
import { bridgeAuth, csrfProtection } from 'flowfull/middleware';
import {
  applyServerDefaults,
  createHttpMetrics,
  databaseCheck,
  httpCheck,
  OpenApiRegistry,
  type ReadinessCheck,
  redisCheck,
} from 'flowfull/server';
import { Hono } from 'hono';
import { registerConsoleRoutes } from './console/console-routes.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerBridgeItemRoutes } from './routes/bridge-item-routes.js';
import { registerItemRoutes } from './routes/item-routes.js';
import { registerProtectedRoutes } from './routes/protected-routes.js';
import { registerShareRoutes } from './routes/share-routes.js';
import type { StarterServices } from './runtime/starter-services.js';

/** Options of {@link createStarterApp}. */
export interface StarterAppOptions {
  /** Reports not ready while true (set during shutdown). @default () => false */
  draining?: () => boolean;
}

/**
 * Builds the app.
 */
export function createStarterApp(services: StarterServices, options: StarterAppOptions = {}): Hono {
  const { config, logger } = services;
  const openapi = new OpenApiRegistry({
    title: 'Flowfull starter',
    version: '0.1.0',
    description:
      'Items with owners, guests and share links, on Flowfull. Errors: { success: false, error, code, request_id }.',
  });
  const readiness: Record<string, ReadinessCheck> = {
    database: databaseCheck(services.db),
    flowless: httpCheck(`${config.FLOWLESS_API_URL}/health`, {
      headers: { 'X-Bridge-Secret': config.BRIDGE_VALIDATION_SECRET },
    }),
  };
  if (services.redis) readiness.redis = redisCheck(services.redis);
  const app = new Hono();
  applyServerDefaults(app, {
    logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT_BYTES,
    exposeStack: config.NODE_ENV === 'development',
    hsts: config.NODE_ENV === 'production',
    readiness,
    ...(options.draining ? { draining: options.draining } : {}),
    openapi,
    metrics: createHttpMetrics({
      defaultLabels: { service: 'starter' },
      sources: {
        caches: () => [services.sessionCache.metrics()],
        validationOutcomes: () => services.validator.metrics().outcomes,
        violations: () => services.validator.metrics().violations,
        breakers: () => ({ flowless: services.validator.metrics().breaker }),
      },
    }),
  });
  // Cookie-authenticated changes must come from the app's own origin or a CORS origin.
  app.use(csrfProtection({ allowedOrigins: config.CORS_ORIGINS }));
  app.use(
    bridgeAuth({
      validator: services.validator,
      sessionFromQuery: config.AUTH_SESSION_FROM_QUERY,
      trustedProxies: config.TRUSTED_PROXIES,
    }),
  );
  const context = { app, services, openapi };
  registerProtectedRoutes(context);
  registerItemRoutes(context);
  registerShareRoutes(context);
  registerAdminRoutes(context);
  registerBridgeItemRoutes(context);
  registerConsoleRoutes(context);
  return app;
}
