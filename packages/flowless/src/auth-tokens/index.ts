/**
 * @module One-time tokens for password reset and email verification.
 */
export type { OneTimeTokenStore } from './one-time-token-store.js';
export { createOneTimeTokenStore } from './one-time-token-store.js';
