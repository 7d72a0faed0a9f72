/**
 * @module The errors HybridCache throws: only for bad input and misuse. Cache faults (Redis down,
 * slow or corrupt) are counted and logged, never thrown to the caller.
 */
import { FlowfullError } from '../errors.js';

/** Every stable code a cache error can carry. */
export type CacheErrorCode =
  | 'ERR_CACHE_INVALID_OPTION'
  | 'ERR_CACHE_INVALID_KEY'
  | 'ERR_CACHE_INVALID_VALUE'
  | 'ERR_CACHE_CLOSED'
  | 'ERR_CACHE_TIMEOUT'
  | 'ERR_CACHE_CIRCUIT_OPEN'
  | 'ERR_CACHE_L2_UNAVAILABLE';

/**
 * Base class of the cache's errors.
 *
 * @example
 * ```ts
 * try { await cache.set('', value); } catch (e) { if (e instanceof CacheError) log(e.code); }
 * ```
 */
export class CacheError<Code extends CacheErrorCode = CacheErrorCode> extends FlowfullError<Code> {}

/**
 * An option passed to `new HybridCache()` is invalid; `option` names it.
 *
 * @example
 * ```ts
 * new HybridCache({ ttl: -1 }); // throws CacheOptionError { code: 'ERR_CACHE_INVALID_OPTION', option: 'ttl' }
 * ```
 */
export class CacheOptionError extends CacheError<'ERR_CACHE_INVALID_OPTION'> {
  /** The name of the offending option. */
  readonly option: string;

  constructor(option: string, expected: string) {
    super('ERR_CACHE_INVALID_OPTION', `HybridCache option "${option}" must be ${expected}`);
    this.option = option;
  }
}

/**
 * A key is not a non-empty string (or is longer than the cache accepts).
 *
 * @example
 * ```ts
 * await cache.get(''); // rejects with CacheKeyError { code: 'ERR_CACHE_INVALID_KEY' }
 * ```
 */
export class CacheKeyError extends CacheError<'ERR_CACHE_INVALID_KEY'> {
  constructor(reason: string) {
    super('ERR_CACHE_INVALID_KEY', `cache key ${reason}`);
  }
}

/**
 * A value cannot be cached: `undefined`/`null`, or not JSON-serializable (cycles, BigInt).
 *
 * @example
 * ```ts
 * await cache.set('k', undefined as never); // rejects with CacheValueError
 * ```
 */
export class CacheValueError extends CacheError<'ERR_CACHE_INVALID_VALUE'> {
  constructor(reason: string, cause?: unknown) {
    super('ERR_CACHE_INVALID_VALUE', `cache value ${reason}`, { cause });
  }
}

/**
 * The cache was used after `close()`.
 *
 * @example
 * ```ts
 * await cache.close(); await cache.get('k'); // rejects with CacheClosedError
 * ```
 */
export class CacheClosedError extends CacheError<'ERR_CACHE_CLOSED'> {
  constructor() {
    super('ERR_CACHE_CLOSED', 'the cache is closed');
  }
}

/**
 * A fault of the shared tier (L2). Raised inside the cache, counted and logged, never thrown to
 * callers of `HybridCache`; drivers throw it so the circuit breaker can tell faults apart.
 *
 * @example
 * ```ts
 * if (fault instanceof CacheFaultError && fault.code === 'ERR_CACHE_TIMEOUT') breaker.failure();
 * ```
 */
export class CacheFaultError extends CacheError<
  'ERR_CACHE_TIMEOUT' | 'ERR_CACHE_CIRCUIT_OPEN' | 'ERR_CACHE_L2_UNAVAILABLE'
> {}
