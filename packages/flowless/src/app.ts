/**
 * @module `createFlowlessApp(deps)`: the Flowless HTTP app on Hono with flowfull's production
 * defaults (request ids, request log, metrics, error envelope, security headers, exact-origin CORS,
 * CSRF protection of cookie sessions, body limit, `/health`, `/health/ready`, `/metrics`, `/openapi.json`), its services wired from injected
 * dependencies, and the hosted pages (docs/hosted-pages.md).
 */
import { csrfProtection, DEFAULT_SESSION_COOKIES } from 'flowfull/middleware';
import {
  applyServerDefaults,
  createHttpMetrics,
  databaseCheck,
  limitBody,
  redisCheck,
} from 'flowfull/server';
import { Hono } from 'hono';
import { accessLogger } from './http/access-log.js';
import { errorAnswer } from './http/error-answer.js';
import type { FlowlessEnv } from './http/flowless-env.js';
import { clientIp } from './http/middleware.js';
import { registerPages } from './pages/register-pages.js';
import { MULTIPART_OVERHEAD } from './pictures/picture-upload.js';
import { registerAdminAuditRoute } from './routes/admin/admin-audit-route.js';
import { registerAdminSessionRoutes } from './routes/admin/admin-session-routes.js';
import { registerAdminUserRoutes } from './routes/admin/admin-user-routes.js';
import { registerApiTokenRoutes } from './routes/api-tokens/api-token-routes.js';
import { registerLoginRoute } from './routes/auth/login.js';
import { registerRegistrationRoutes } from './routes/auth/register.js';
import { registerSessionRoutes } from './routes/auth/session-routes.js';
import { registerBridgeRoutes } from './routes/bridge/bridge-routes.js';
import { registerRevocationFeedRoute } from './routes/bridge/revocation-feed-route.js';
import { registerEmailChangeRoutes } from './routes/email-change/email-change-routes.js';
import { flowlessOpenApi } from './routes/flowless-openapi.js';
import { registerInvalidateMeRoute } from './routes/me/invalidate-me-route.js';
import { registerMeRoutes } from './routes/me/me-routes.js';
import { registerPasswordChangeRoutes } from './routes/me/password-change-routes.js';
import { registerProfileRoutes } from './routes/me/profile-routes.js';
import { registerPasswordResetRoutes } from './routes/password-reset/password-reset-routes.js';
import { PICTURE_PATH, registerPictureRoutes } from './routes/pictures/picture-routes.js';
import { registerSessionManagementRoutes } from './routes/sessions/session-management-routes.js';
import { registerSocialAccountRoutes } from './routes/social/social-account-routes.js';
import { registerSocialLoginApiRoute } from './routes/social/social-login-api-route.js';
import { registerSocialRoutes } from './routes/social/social-routes.js';
import { registerTokenLoginRoutes } from './routes/token-login/token-login-routes.js';
import { registerTwoFactorRoutes } from './routes/two-factor/two-factor-routes.js';
import { registerVerificationRoutes } from './routes/verification/verification-routes.js';
import {
  createFlowlessServices,
  type FlowlessDeps,
  type FlowlessServices,
} from './services/flowless-services.js';
import { createSocialLoginServices } from './social/social-login-services.js';
import { activityMiddleware } from './stats/activity-middleware.js';

/** What {@link createFlowlessApp} needs: the services' dependencies, plus shutdown state. */
export interface FlowlessAppDeps extends FlowlessDeps {
  /** True while the server shuts down: `/health/ready` answers 503. @default () => false */
  draining?: () => boolean;
  /** Heartbeat of the revocation feed, in ms. @default config.REVOCATION_FEED_HEARTBEAT_MS */
  feedHeartbeatMs?: number;
}

/** A running Flowless app. */
export interface FlowlessApp {
  /** The Hono app: `app.fetch` for a server, `app.request()` in tests. */
  readonly app: Hono<FlowlessEnv>;
  /** The wired services. */
  readonly services: FlowlessServices;
  /** Waits for background work (mail, activity updates) started so far. */
  drain(): Promise<void>;
  /** Ends the open revocation-feed streams (a shutdown started); `close` does it too. */
  endStreams(): void;
  /** Ends the feed streams, waits for background work and closes the session cache. Does not close db or Redis. */
  close(): Promise<void>;
}

/**
 * Builds the Flowless app.
 *
 * @example
 * ```ts
 * const { app, close } = await createFlowlessApp({ config, db, redis });
 * await serve(app, { port: config.PORT, onClose: close });
 * ```
 */
export async function createFlowlessApp(deps: FlowlessAppDeps): Promise<FlowlessApp> {
  const services = createFlowlessServices(deps);
  const { config } = services;
  const { logger, sessionCache } = services;
  const httpLogger = accessLogger(logger);
  const allowedOrigins = [new URL(config.FRONTEND_URL).origin, ...config.CORS_ORIGINS];
  const app = applyServerDefaults(new Hono<FlowlessEnv>(), {
    logger: httpLogger,
    corsOrigins: allowedOrigins,
    // The largest body any route takes: a picture upload; every other route is held to BODY_LIMIT_BYTES below.
    bodyLimit: Math.max(config.BODY_LIMIT_BYTES, config.PICTURE_MAX_BYTES + MULTIPART_OVERHEAD),
    exposeStack: false,
    readiness: {
      database: databaseCheck(deps.db),
      ...(deps.redis ? { redis: redisCheck(deps.redis) } : {}),
    },
    ...(deps.draining ? { draining: deps.draining } : {}),
    openapi: flowlessOpenApi(),
    metrics: createHttpMetrics({
      sources: { caches: () => [sessionCache.metrics(), services.apiTokenCache.metrics()] },
    }),
  });
  // Replaces the defaults' error handler: Flowless errors keep the contract's strings and codes.
  app.onError(errorAnswer(httpLogger));
  app.use(activityMiddleware(services.activity, services.clock));
  app.use(clientIp(services));
  const bodyLimit = limitBody(config.BODY_LIMIT_BYTES);
  app.use(async (c, next) =>
    c.req.method === 'POST' && c.req.path === PICTURE_PATH ? next() : bodyLimit(c, next),
  );
  // Every route that reads the session cookie is behind it; requests without one are untouched.
  app.use(csrfProtection({ allowedOrigins, cookieNames: DEFAULT_SESSION_COOKIES }));

  registerLoginRoute(app, services);
  registerRegistrationRoutes(app, services);
  registerSessionRoutes(app, services);
  registerMeRoutes(app, services);
  registerProfileRoutes(app, services);
  registerPictureRoutes(app, services);
  registerEmailChangeRoutes(app, services);
  registerPasswordChangeRoutes(app, services);
  registerInvalidateMeRoute(app, services);
  registerPasswordResetRoutes(app, services);
  registerVerificationRoutes(app, services);
  registerTwoFactorRoutes(app, services);
  registerTokenLoginRoutes(app, services);
  const social = createSocialLoginServices(services);
  // The accounts routes first: `/auth/social/accounts` must not be read as a provider named "accounts".
  registerSocialAccountRoutes(app, services, social);
  registerSocialRoutes(app, services, social);
  registerSocialLoginApiRoute(app, services, social);
  registerApiTokenRoutes(app, services);
  registerSessionManagementRoutes(app, services);
  registerAdminUserRoutes(app, services);
  registerAdminSessionRoutes(app, services);
  registerAdminAuditRoute(app, services);
  registerBridgeRoutes(app, services);
  registerPages(app, services);
  let endStreams: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => {
    endStreams = resolve;
  });
  registerRevocationFeedRoute(app, services, services.revocationFeed, {
    closing,
    heartbeatMs: deps.feedHeartbeatMs ?? config.REVOCATION_FEED_HEARTBEAT_MS,
  });
  await services.revocationFeed.start();

  // Invalidations from other instances must reach this one before it serves a cached session.
  if (!(await services.sessionCache.ready())) {
    services.logger.warn({}, 'session cache: Redis not ready, serving from memory until it is');
  }
  return {
    app,
    services,
    drain: () => services.tasks.drain(),
    endStreams,
    async close() {
      endStreams();
      services.revocationFeed.close();
      await services.tasks.drain();
      await services.sessionCache.close();
      await services.apiTokenCache.close();
    },
  };
}
