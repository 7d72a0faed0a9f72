/**
 * @module createVaultApp(): the vault service's Hono app — flowfull's production defaults, then the
 * Session API, sign-in and the Management API under `/api/v1`.
 */
import { applyServerDefaults, databaseCheck, httpCheck } from 'flowfull/server';
import { vaultAuthRoutes, vaultManagementRoutes, vaultSessionRoutes } from 'flowfull/vault';
import { Hono } from 'hono';
import type { VaultServices } from './runtime/vault-services.js';

/** Options of {@link createVaultApp}. */
export interface VaultAppOptions {
  /** Reports not ready while true (set during shutdown). @default () => false */
  draining?: () => boolean;
}

/**
 * Builds the app.
 */
export function createVaultApp(services: VaultServices, options: VaultAppOptions = {}): Hono {
  const { config, logger, vault, validator } = services;
  const app = new Hono();
  applyServerDefaults(app, {
    logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT_BYTES,
    exposeStack: config.NODE_ENV === 'development',
    hsts: config.NODE_ENV === 'production',
    readiness: {
      database: databaseCheck(services.db),
      flowless: httpCheck(`${config.FLOWLESS_API_URL}/health`, {
        headers: { 'X-Bridge-Secret': config.BRIDGE_VALIDATION_SECRET },
      }),
    },
    ...(options.draining ? { draining: options.draining } : {}),
  });
  app.route('/api/v1', vaultSessionRoutes(vault));
  app.route(
    '/api/v1',
    // Plain-HTTP development would drop a Secure cookie.
    vaultAuthRoutes({ vault, validator, logoutCookie: { secure: config.NODE_ENV !== 'development' } }),
  );
  app.route('/api/v1', vaultManagementRoutes({ vault, validator }));
  return app;
}
