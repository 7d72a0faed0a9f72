/**
 * @module Sessions: store, cache, revocation publisher and lifecycle service.
 */
export type {
  RedisRevocationPublisherOptions,
  RevocationMessage,
  RevocationPublisher,
} from './revocation-publisher.js';
export { createRedisRevocationPublisher, noRevocationPublisher } from './revocation-publisher.js';
export type { SessionCache, SessionCacheOptions } from './session-cache.js';
export { createSessionCache } from './session-cache.js';
export type { SessionContext, SessionRecord } from './session-record.js';
export type {
  IssuedSession,
  SessionLookup,
  SessionService,
  SessionServiceOptions,
} from './session-service.js';
export { createSessionService } from './session-service.js';
export type { NewSessionRow, SessionStore } from './session-store.js';
export { createSessionStore } from './session-store.js';
