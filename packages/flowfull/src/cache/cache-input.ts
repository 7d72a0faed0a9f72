/**
 * @module Validation of what callers pass to a HybridCache: keys and ttl overrides.
 */
import { CacheKeyError, CacheOptionError } from './errors.js';

/** The longest key accepted, in characters. */
export const MAX_KEY_LENGTH = 1024;

/**
 * The error for an unusable key, or undefined for a good one.
 */
export function keyError(key: unknown): CacheKeyError | undefined {
  if (typeof key !== 'string') return new CacheKeyError('must be a string');
  if (key.length === 0) return new CacheKeyError('must not be empty');
  if (key.length > MAX_KEY_LENGTH) return new CacheKeyError(`must be at most ${MAX_KEY_LENGTH} characters`);
  return undefined;
}

/**
 * A ttl override in seconds, as ms; `fallbackMs` when absent. Throws CacheOptionError when invalid.
 */
export function ttlOverrideMs(ttl: number | undefined, fallbackMs: number): number {
  if (ttl === undefined) return fallbackMs;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
    throw new CacheOptionError('ttl', 'a positive number of seconds');
  }
  return Math.round(ttl * 1000);
}
