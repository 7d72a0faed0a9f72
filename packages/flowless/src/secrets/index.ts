/**
 * @module Opaque secrets: generation, hashing and constant-time comparison.
 */
export { newId, randomSecret, safeEqual, secretMatcher, sha256Hex } from './opaque-secret.js';
