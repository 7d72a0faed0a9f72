/**
 * @module One-time tokens for password reset, email verification and email change.
 */
export type { ConsumedToken, IssueOptions, OneTimeTokenStore } from './one-time-token-store.js';
export { createOneTimeTokenStore } from './one-time-token-store.js';
