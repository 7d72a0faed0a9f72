/**
 * @module flowfull: the main API of every concept from one entry. Each concept's full surface
 * (drivers, ports, low-level helpers) is on its own subpath: `flowfull/config`, `flowfull/db`,
 * `flowfull/cache`, `flowfull/tokens`, `flowfull/bridge`, `flowfull/validation`,
 * `flowfull/middleware`, `flowfull/server`, `flowfull/vault`, `flowfull/vault-client`, `flowfull/testing`.
 */

export type {
  BridgeSession,
  BridgeValidatorOptions,
  RequestContext,
  RevocationMessage,
  SessionFailureCode,
  SessionValidationResult,
} from './bridge/index.js';
// 1. Bridge Validation
export {
  BridgeError,
  BridgeValidator,
  bridgeValidatorOptionsFromConfig,
  hashSessionId,
  publishRevocation,
  REVOCATION_CHANNEL,
} from './bridge/index.js';
export type { CacheMetrics, GetOrSetOptions, HybridCacheMetrics, HybridCacheOptions } from './cache/index.js';
// 3. HybridCache
export { CacheError, configureCache, HybridCache, resetCacheConfiguration } from './cache/index.js';
export type {
  ConfigProblem,
  ConfigSection,
  EnvSource,
  FlowfullConfig,
  LoadConfigOptions,
} from './config/index.js';
// 7. Environment Configuration
export { ConfigError, envVariable, loadConfig, loadConfigOrExit } from './config/index.js';
export type { DatabaseConfig, DatabaseType, MigrationSet, Page, PageRequest } from './db/index.js';
// 6. Multi-Database
export {
  createDatabase,
  DatabaseError,
  databaseTypeOf,
  detectDatabaseType,
  mapDatabaseError,
  migrationStatus,
  Repository,
  runMigrations,
  UniqueViolationError,
} from './db/index.js';
export type { FlowfullErrorOptions } from './errors.js';
// Errors
export { FlowfullError } from './errors.js';
export type { Logger } from './logger.js';
// Logging
export { silentLogger } from './logger.js';
export type {
  AuthVariables,
  CsrfProtectionOptions,
  OwnershipCheck,
  RequireTwoFactorOptions,
  RoutePermission,
} from './middleware/index.js';
// 5. Auth Middleware
export {
  authOptionsFromConfig,
  bridgeAuth,
  csrfProtection,
  extractSessionId,
  optionalAuth,
  refuseApiTokens,
  requireAuth,
  requireTwoFactor,
  requireUserType,
  routePermissions,
} from './middleware/index.js';
export type { TokenErrorCode, TokenStateStore, TrustTokens } from './tokens/index.js';
// 4. Trust Tokens
export {
  createInvitationTokens,
  createTrustTokens,
  loadTrustTokenKeys,
  TokenError,
  V4,
} from './tokens/index.js';
export type {
  SecurityViolation,
  ValidationAction,
  ValidationModeName,
  ValidationResult,
  ViolationType,
} from './validation/index.js';
// 2. Validation Modes
export { ValidationMode, validationModeOptionsFromConfig } from './validation/index.js';
