/**
 * @module The OpenAPI 3.1 document of the Flowless app: every route, with its inputs from the
 * Zod schemas the handlers use, plus the defaults' `/health`, `/health/ready`, `/metrics` and
 * `/openapi.json`.
 */
import { OpenApiRegistry } from 'flowfull/server';
import { describeAdminAuditRoute } from './admin/admin-audit-openapi.js';
import { describeAdminRoutes } from './admin/admin-openapi.js';
import { describeApiTokenRoutes } from './api-tokens/api-token-openapi.js';
import { describeAuthRoutes } from './auth/auth-openapi.js';
import { describeBridgeRoutes } from './bridge/bridge-openapi.js';
import { describeEmailChangeRoutes } from './email-change/email-change-openapi.js';
import { describeMeRoutes } from './me/me-openapi.js';
import { describePasswordResetRoutes } from './password-reset/password-reset-openapi.js';
import { describePictureRoutes } from './pictures/picture-openapi.js';
import { describeSessionManagementRoutes } from './sessions/session-management-openapi.js';
import { describeSocialRoutes } from './social/social-openapi.js';
import { describeTokenLoginRoutes } from './token-login/token-login-openapi.js';
import { describePasskeyRoutes } from './two-factor/passkey-openapi.js';
import { describeTwoFactorRoutes } from './two-factor/two-factor-openapi.js';
import { describeVerificationRoutes } from './verification/verification-openapi.js';

/**
 * Builds the registry describing every Flowless route.
 */
export function flowlessOpenApi(): OpenApiRegistry {
  const openapi = new OpenApiRegistry({
    title: 'Flowless',
    version: '0.1.0',
    description:
      'Self-hostable auth server speaking the Flowless HTTP contract. Bodies accept snake_case and camelCase keys. Errors: { success: false, error, code, request_id }.',
  });
  const tags = ['operations'];
  openapi
    .add({
      method: 'get',
      path: '/health',
      summary: 'Liveness',
      tags,
      responses: { 200: { description: 'status: ok' } },
    })
    .add({
      method: 'get',
      path: '/health/ready',
      summary: 'Readiness: database and Redis checks',
      tags,
      responses: { 200: { description: 'Ready' }, 503: { description: 'A check failed, or shutting down' } },
    })
    .add({
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics',
      tags,
      responses: { 200: { description: 'Text exposition format' } },
    })
    .add({
      method: 'get',
      path: '/openapi.json',
      summary: 'This document',
      tags,
      responses: { 200: { description: 'OpenAPI 3.1' } },
    });
  describeAuthRoutes(openapi);
  describeMeRoutes(openapi);
  describePictureRoutes(openapi);
  describeEmailChangeRoutes(openapi);
  describePasswordResetRoutes(openapi);
  describeVerificationRoutes(openapi);
  describeTwoFactorRoutes(openapi);
  describePasskeyRoutes(openapi);
  describeTokenLoginRoutes(openapi);
  describeSocialRoutes(openapi);
  describeApiTokenRoutes(openapi);
  describeSessionManagementRoutes(openapi);
  describeAdminRoutes(openapi);
  describeAdminAuditRoute(openapi);
  describeBridgeRoutes(openapi);
  return openapi;
}
