/**
 * @module flowfull/server: production HTTP defaults for Hono apps — security headers, exact-origin
 * CORS, body limit, request ids, pino request logs with redaction, one error envelope, health and
 * readiness, Prometheus metrics, OpenAPI from Zod, the nonce CSP of HTML pages, and graceful shutdown.
 */

export type { Logger } from '../logger.js';
export { silentLogger } from '../logger.js';
export { DEFAULT_BODY_LIMIT, limitBody } from './body-limit/index.js';
export type { CorsOriginsOptions } from './cors-origins/index.js';
export { corsOrigins } from './cors-origins/index.js';
export type { ErrorEnvelope, ErrorHandlerOptions } from './error-envelope/index.js';
export { envelope, errorEnvelope, handleError, handleNotFound, requestIdOf } from './error-envelope/index.js';
export type { ApiErrorOptions, ServerErrorCode } from './errors.js';
export { ApiError, codeForStatus, messageForStatus } from './errors.js';
export type { HealthOptions, HttpCheckOptions, PingableRedis, ReadinessCheck } from './health/index.js';
export { databaseCheck, health, httpCheck, redisCheck } from './health/index.js';
export type { ServerLoggerOptions } from './logger.js';
export { createServerLogger, REDACTED_PATHS, silentServerLogger } from './logger.js';
export type { CacheFigures, HttpMetrics, HttpMetricsOptions, MetricSources } from './metrics/index.js';
export { createHttpMetrics } from './metrics/index.js';
export { nodeIncoming, readHeader, socketAddress } from './node-incoming.js';
export type { OpenApiInfo, RouteMethod, RouteResponse, RouteSpec } from './openapi/index.js';
export { OpenApiRegistry } from './openapi/index.js';
export type { PageSecurityVariables } from './page-security/index.js';
export { pageContentSecurityPolicy, pageSecurity } from './page-security/index.js';
export type { RequestIdOptions, RequestIdVariables } from './request-id/index.js';
export { requestId } from './request-id/index.js';
export type { RequestLoggerOptions } from './request-logger/index.js';
export { requestLogger } from './request-logger/index.js';
export type { SecurityHeadersOptions } from './security-headers/index.js';
export { securityHeaders } from './security-headers/index.js';
export type { FetchApp, RunningServer, ServeOptions } from './serve/index.js';
export { serve } from './serve/index.js';
export type { ServerDefaultsOptions } from './server-defaults.js';
export { applyServerDefaults } from './server-defaults.js';
export type { FieldProblem, ZodTarget } from './zod-validator/index.js';
export { fieldProblems, isJsonMediaType, zodValidator } from './zod-validator/index.js';
