/**
 * @module The two storage tiers and the rules that move values between them: L2 → L1 backfill
 * bounded by the L2 entry's remaining TTL, and generation-checked write-back that never stores a
 * value invalidated while it was being read or loaded.
 */
import type { L1Driver } from './drivers/driver.js';
import { type GuardedL2, UNAVAILABLE } from './guarded-l2.js';
import { InvalidationMarks } from './invalidation-marks.js';
import type { EncodedValue, JsonValue } from './json-value.js';
import type { ResolvedCacheOptions } from './options.js';

const MARKS_CAPACITY = 4096;

/** A value read from L2 (null on a miss) and the generation seen (undefined if L2 was unreadable). */
export interface L2Outcome {
  readonly value: JsonValue | null;
  readonly generation: number | undefined;
}

/** How `store` treats L2: a plain write, a write conditioned on a generation, or L1 only. */
export type StoreMode = number | 'unconditional' | 'skip-l2';

/**
 * L1 + guarded L2 + invalidation marks.
 */
export class Tiers {
  readonly l1: L1Driver<JsonValue>;
  readonly l2: GuardedL2;
  readonly marks: InvalidationMarks;
  readonly #o: ResolvedCacheOptions;
  #readsInFlight = 0;

  constructor(options: ResolvedCacheOptions, l1: L1Driver<JsonValue>, l2: GuardedL2) {
    this.#o = options;
    this.l1 = l1;
    this.l2 = l2;
    // Marks are only taken while a read or load is in flight and only matter until it ends, so
    // their number follows invalidations during reads, not L1's size; an evicted mark raises the
    // floor (more conservative, never wrong). A table as large as L1 cost 16 bytes per L1 slot.
    this.marks = new InvalidationMarks(MARKS_CAPACITY);
  }

  /** Whether an L2 read is running (its backfill must see invalidations). */
  get reading(): boolean {
    return this.#readsInFlight > 0;
  }

  /** Reads L2 and backfills L1 for no longer than the L2 entry's remaining TTL. */
  async readL2(key: string, ticket: number): Promise<L2Outcome> {
    this.#readsInFlight++;
    const read = await this.l2
      .call((l2) => l2.read(this.#o.keyPrefix + key), 'read')
      .finally(() => {
        this.#readsInFlight--;
      });
    if (read === UNAVAILABLE) return { value: null, generation: undefined };
    if (read.json === null) return { value: null, generation: read.generation };
    let value: JsonValue;
    try {
      value = JSON.parse(read.json) as JsonValue;
    } catch (error) {
      this.l2.fault('read', error);
      return { value: null, generation: read.generation };
    }
    const ttlMs = read.ttlMs > 0 ? read.ttlMs : this.#o.ttlMs;
    if (!this.marks.stale(key, ticket, read.generation)) this.l1.set(key, value, ttlMs, read.generation);
    return { value, generation: read.generation };
  }

  /**
   * Writes L2 (conditioned on a generation, or not, or skipped) then L1, unless the key was
   * invalidated since `ticket`. A plain write fills L1 first (read-your-writes). TTL jitter is
   * applied here, the same to both copies. Returns the new L2 generation when known.
   */
  async store(
    key: string,
    encoded: EncodedValue,
    ttlMs: number,
    ticket: number,
    mode: StoreMode,
  ): Promise<number | undefined> {
    const lifetime = Math.max(1, Math.round(ttlMs * (1 + this.#o.jitter * (2 * this.#o.random() - 1))));
    const expiresAt = this.#o.now() + lifetime;
    const value = encoded.tree;
    if (mode === 'unconditional') this.l1.set(key, value, lifetime);
    let generation: number | undefined;
    if (mode !== 'skip-l2') {
      const condition = mode === 'unconditional' ? undefined : mode;
      const written = await this.l2.call(
        (l2) => l2.write(this.#o.keyPrefix + key, encoded.json, lifetime, condition),
        'write',
      );
      if (written === null) return undefined; // someone wrote or deleted the key since we read it
      if (written !== UNAVAILABLE) generation = written;
    }
    if (mode === 'unconditional' ? this.l1.get(key) === value : !this.marks.stale(key, ticket)) {
      // The L1 copy keeps the expiry computed before the L2 write: it never outlives the L2 copy.
      this.l1.set(key, value, expiresAt - this.#o.now(), generation);
    }
    return generation;
  }
}
