/**
 * @module Argon2id password hashing (@node-rs/argon2) with a rehash policy and a dummy hash that
 * makes a login for an unknown user cost the same as one for a known user.
 */
import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';

/** Argon2id cost parameters. */
export interface Argon2Params {
  /** Memory cost in KiB. @default 19456 */
  memoryCost: number;
  /** Number of passes. @default 2 */
  timeCost: number;
  /** Degree of parallelism. @default 1 */
  parallelism: number;
}

/** The OWASP minimum for Argon2id, used in production. */
export const DEFAULT_ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

// `Algorithm` is a const enum in the package's types; its Argon2id member is 2.
const ARGON2ID = 2 as Algorithm;

/** Hashes and verifies passwords. */
export interface PasswordHasher {
  /** Hashes a password into a PHC string. */
  hash(password: string): Promise<string>;
  /** True when `password` matches `stored`. A malformed `stored` is a mismatch, never a throw. */
  verify(stored: string, password: string): Promise<boolean>;
  /** Verifies against a fixed dummy hash with the same cost, always false: for unknown users. */
  verifyDummy(password: string): Promise<false>;
  /** True when `stored` is not Argon2id or is weaker than the configured parameters. */
  needsRehash(stored: string): boolean;
}

/** Options of {@link createPasswordHasher}. */
export interface PasswordHasherOptions {
  /** Argon2id cost. @default DEFAULT_ARGON2_PARAMS */
  params?: Partial<Argon2Params>;
}

// Passwords are compared after Unicode NFC normalisation so that the same visible password typed on
// different keyboards hashes the same; nothing is trimmed or truncated.
const normalise = (password: string): string => password.normalize('NFC');

/**
 * Creates an Argon2id {@link PasswordHasher}.
 *
 * @example
 * ```ts
 * const hasher = createPasswordHasher();
 * const stored = await hasher.hash('correct horse battery staple');
 * ```
 */
export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const params: Argon2Params = { ...DEFAULT_ARGON2_PARAMS, ...options.params };
  if (params.memoryCost < 8 || params.timeCost < 1 || params.parallelism < 1) {
    throw new TypeError(
      'createPasswordHasher: params must be memoryCost >= 8, timeCost >= 1, parallelism >= 1',
    );
  }
  const argon = { algorithm: ARGON2ID, ...params };
  let dummy: Promise<string> | undefined;

  const verifyStored = async (stored: string, password: string): Promise<boolean> => {
    try {
      return await verify(stored, normalise(password));
    } catch {
      return false;
    }
  };

  return {
    hash: (password) => hash(normalise(password), argon),
    verify: verifyStored,
    async verifyDummy(password) {
      dummy ??= hash('flowless-dummy-password', argon);
      await verifyStored(await dummy, password);
      return false;
    },
    needsRehash(stored) {
      try {
        const found = parseOptions(stored);
        return (
          found.algorithm !== ARGON2ID ||
          found.memoryCost < params.memoryCost ||
          found.timeCost < params.timeCost ||
          found.parallelism < params.parallelism
        );
      } catch {
        return true;
      }
    },
  };
}
