/**
 * @module Passwords: Argon2id hashing, rehash policy, dummy hash and the password rules.
 */
export type { Argon2Params, PasswordHasher, PasswordHasherOptions } from './password-hasher.js';
export { createPasswordHasher, DEFAULT_ARGON2_PARAMS } from './password-hasher.js';
export {
  assertPasswordAllowed,
  isCommonPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from './password-policy.js';
