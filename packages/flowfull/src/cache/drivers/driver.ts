/**
 * @module The two ports of HybridCache: `L1Driver` (per-process memory, synchronous) and
 * `L2Driver` (shared store, asynchronous, generation-checked writes). Adapters live beside this
 * file; `runL1DriverSuite`/`runL2DriverSuite` (`flowfull/cache/testing`) check any adapter.
 */

/** What L1 keeps per key. */
export interface L1Entry<V> {
  /** The master copy; the cache hands out clones of it. */
  readonly value: V;
  /** Absolute expiry (ms since epoch, on the cache's clock); never later than the L2 entry's. */
  readonly expiresAt: number;
  /** The L2 generation this copy corresponds to, when known. */
  readonly generation?: number | undefined;
}

/**
 * Per-process store of the hot tier. Synchronous on purpose: an L1 hit must not cost a promise.
 *
 * @example
 * ```ts
 * const l1: L1Driver<string> = new MemoryDriver({ maxSize: 100 });
 * l1.set('k', { value: 'v', expiresAt: Date.now() + 1000 });
 * ```
 */
export interface L1Driver<V> {
  /** The entry stored under `key`, or undefined. Expiry is the caller's business. */
  get(key: string): L1Entry<V> | undefined;
  /** Stores an entry, evicting the least recently used one when full. */
  set(key: string, entry: L1Entry<V>): void;
  /** Removes one key; true if it was present. */
  delete(key: string): boolean;
  /** Removes every key starting with `prefix`; returns how many. */
  deleteByPrefix(prefix: string): number;
  /** Removes everything. */
  clear(): void;
  /** Number of entries held (never more than the configured bound). */
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
