/**
 * @module The two ports of HybridCache: `L1Driver` (per-process memory, synchronous) and
 * `L2Driver` (shared store, asynchronous, generation-checked writes). Adapters live beside this
 * file; `runL1DriverSuite`/`runL2DriverSuite` (`flowfull/cache/testing`) check any adapter.
 */

/**
 * Per-process store of the hot tier. Synchronous on purpose: an L1 hit must not cost a promise.
 * It keeps the value itself, its expiry and (when known) the L2 generation it was read or written
 * at; how is the adapter's business (`MemoryDriver` keeps the value unwrapped and the expiry in
 * `lru-cache`'s preallocated TTL arrays, so an entry costs no more than in a bare LRU).
 *
 * @example
 * ```ts
 * const l1: L1Driver<string> = new MemoryDriver({ maxSize: 100, now: Date.now });
 * l1.set('k', 'v', 1000, 7); // live for 1 s on the driver's clock, L2 generation 7
 * l1.get('k'); // 'v'
 * ```
 */
export interface L1Driver<V> {
  /** The value stored under `key`, or undefined when absent or expired (an expired entry is dropped). */
  get(key: string): V | undefined;
  /**
   * Stores `value` (never null or undefined) for `ttlMs` on the driver's clock: the entry is gone
   * once `ttlMs` have elapsed, never later. A `ttlMs` that is not positive removes the key instead.
   * `generation` is the L2 generation the value corresponds to, when known; a set without one
   * forgets any generation recorded before. Evicts the least recently used entry when full.
   */
  set(key: string, value: V, ttlMs: number, generation?: number): void;
  /**
   * The generation recorded with the live entry under `key`; undefined when the key is absent or
   * expired, or its generation unknown. A driver may forget generations (keep only recent ones):
   * the cache then treats the copy as older than any announced write, which is only conservative.
   */
  generation(key: string): number | undefined;
  /** Removes one key; true if it was present. */
  delete(key: string): boolean;
  /** Removes every key starting with `prefix`; returns how many live entries were removed. */
  deleteByPrefix(prefix: string): number;
  /** Removes everything. */
  clear(): void;
  /** Number of entries held, expired ones not yet dropped included (never more than the bound). */
  readonly size: number;
}

/** What an L2 read returns. */
export interface L2Read {
  /** The JSON text, or null when the key is absent or deleted (a tombstone). */
  readonly json: string | null;
  /** Remaining time to live in ms (meaningful only when `json` is not null). */
  readonly ttlMs: number;
  /** The key's write generation: bumped by every write and delete, 0 when never written. */
  readonly generation: number;
}

/**
 * Shared store of the second tier. Every write and delete bumps the key's generation; conditional
 * writes succeed only if the generation is still the one the writer read, which is how a load that
 * started before a delete (on any instance) is kept from writing its result back.
 *
 * Implementations must never issue `KEYS`, must reject rather than queue without bound when the
 * store is unreachable, and must not take longer than their timeout.
 *
 * @example
 * ```ts
 * const read = await l2.read('app:k');
 * await l2.write('app:k', '{"a":1}', 60_000, read.generation); // null if someone wrote or deleted since
 * ```
 */
export interface L2Driver {
  /** Reads value, remaining TTL and generation in one atomic step. */
  read(key: string): Promise<L2Read>;
  /**
   * Writes `json` for `ttlMs`. With `expectedGeneration`, writes only if the key's generation still
   * equals it. Returns the new generation, or null when the condition failed.
   */
  write(key: string, json: string, ttlMs: number, expectedGeneration?: number): Promise<number | null>;
  /** Deletes keys, leaving a tombstone (bumped generation) that lives `tombstoneTtlMs`. */
  delete(keys: readonly string[], tombstoneTtlMs: number): Promise<void>;
  /** Deletes (with tombstones) every key starting with `prefix`, iterating with SCAN; returns the count. */
  deleteByPrefix(prefix: string, tombstoneTtlMs: number): Promise<number>;
  /** Releases what the driver owns (connections it created). */
  close(): Promise<void>;
}
