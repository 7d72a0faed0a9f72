/**
 * @module Opaque secrets: generation, hashing and constant-time comparison.
 */
export { newId, randomSecret, safeEqual, sha256Hex } from './opaque-secret.js';
