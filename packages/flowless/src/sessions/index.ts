/**
 * @module Sessions: store, cache, revocation bus and lifecycle service.
 */
export type { RedisRevocationBusOptions, RevocationBus, RevocationMessage } from './revocation-bus.js';
export { createMemoryRevocationBus, createRedisRevocationBus, parseRevocation } from './revocation-bus.js';
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
