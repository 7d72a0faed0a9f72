/**
 * @module Rate limits: sliding windows per IP and route, and the per-account login lock.
 */
export type { AccountLock, AccountLockOptions } from './account-lock.js';
export { createAccountLock } from './account-lock.js';
export type { CounterBackend, CounterOptions } from './counter-store.js';
export { createCounter } from './counter-store.js';
export type { DatabaseWindowOptions } from './database-window-limiter.js';
export { createDatabaseWindowLimiter } from './database-window-limiter.js';
export type { LimitDecision, SlidingWindowLimiter, SlidingWindowOptions } from './sliding-window-limiter.js';
export { createSlidingWindowLimiter } from './sliding-window-limiter.js';
export { storeUnavailable } from './store-unavailable.js';
