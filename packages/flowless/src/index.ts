/**
 * @module flowless: a self-hostable auth server that speaks the Flowless HTTP contract.
 */

export type { Logger } from 'flowfull/server';
export { silentLogger } from 'flowfull/server';
export type { FlowlessApp, FlowlessAppDeps } from './app.js';
export { createFlowlessApp } from './app.js';
export type {
  AuditAction,
  AuditEvent,
  AuditFilter,
  AuditLog,
  AuditOutcome,
  AuditPage,
  AuditPageResult,
  AuditRecord,
} from './audit/index.js';
export { AUDIT_ACTIONS, sanitizeAuditDetails } from './audit/index.js';
export type { FlowlessConfig, LoadFlowlessConfigOptions } from './config/flowless-config.js';
export { loadFlowlessConfig } from './config/flowless-config.js';
export { flowlessSection } from './config/flowless-section.js';
export { FLOWLESS_MIGRATION_TABLE, flowlessMigrations, migrateFlowless } from './db/migrate.js';
export type { FlowlessDatabase } from './db/schema.js';
export type { FlowlessErrorCode, FlowlessErrorOptions } from './errors.js';
export { FlowlessError, INVALID_SESSION, SESSION_EXPIRED } from './errors.js';
export type { FlowlessEnv, FlowlessVariables } from './http/flowless-env.js';
export type { Mailer, MailMessage } from './mail/mailer.js';
export { createMemoryMailer } from './mail/mailer.js';
export { createOutboxMailer } from './mail/outbox-mailer.js';
export { createSmtpMailer } from './mail/smtp-mailer.js';
export type {
  ExpiredRowPurge,
  ExpiredRowPurgeOptions,
  PurgeCounts,
} from './maintenance/expired-row-purge.js';
export { createExpiredRowPurge } from './maintenance/expired-row-purge.js';
export type { PurgeTimer, PurgeTimerOptions } from './maintenance/purge-timer.js';
export { startPurgeTimer } from './maintenance/purge-timer.js';
export type { Argon2Params, PasswordHasher } from './passwords/password-hasher.js';
export { createPasswordHasher, DEFAULT_ARGON2_PARAMS } from './passwords/password-hasher.js';
export type { PictureStorage } from './pictures/picture-storage.js';
export { createLocalPictureStorage } from './pictures/picture-storage.js';
export type { S3PictureStorageOptions } from './pictures/s3-picture-storage.js';
export { createS3PictureStorage } from './pictures/s3-picture-storage.js';
export type { Clock } from './runtime/clock.js';
export { frozenClock, systemClock } from './runtime/clock.js';
export type { FlowlessDeps, FlowlessServices } from './services/flowless-services.js';
export type { RevocationMessage, RevocationPublisher } from './sessions/revocation-publisher.js';
export { createRedisRevocationPublisher, noRevocationPublisher } from './sessions/revocation-publisher.js';
export type { SessionCache, SessionCacheOptions } from './sessions/session-cache.js';
export { createSessionCache } from './sessions/session-cache.js';
