/**
 * @module Local invalidation bookkeeping: lets a load or backfill that started before a delete
 * (here or on another instance, seen through the bus) know that it must not store its result.
 */
import { LRUCache } from 'lru-cache';

interface Mark {
  readonly at: number;
  readonly generation: number | undefined;
}

/**
 * A logical clock of invalidations. Take a `ticket()` before reading L2 or calling the loader;
 * before storing the result, `stale(key, ticket)` says whether the key (or everything, after a
 * clear or a lost subscription) was invalidated since.
 *
 * Per-key marks are kept in a bounded LRU; when one is evicted, the global floor is raised to its
 * value, which can only make the check more conservative, never let a stale write through.
 */
export class InvalidationMarks {
  #clock = 0;
  #floor = 0;
  readonly #marks: LRUCache<string, Mark>;

  constructor(capacity: number) {
    this.#marks = new LRUCache<string, Mark>({
      max: capacity,
      dispose: (mark, _key, reason) => {
        if (reason === 'evict' && mark.at > this.#floor) this.#floor = mark.at;
      },
    });
  }

  /** The current position of the clock. */
  ticket(): number {
    return this.#clock;
  }

  /**
   * Records that `key` was invalidated now; `generation` is the L2 generation of the write that
   * caused it, when the invalidation announces one (a write elsewhere), not for deletes.
   */
  invalidate(key: string, generation?: number): void {
    this.#marks.set(key, { at: ++this.#clock, generation });
  }

  /** Records that every key was invalidated now (clear, prefix delete, lost subscription). */
  invalidateAll(): void {
    this.#floor = ++this.#clock;
  }

  /**
   * Whether `key` was invalidated after `ticket` was taken. A result read from L2 at `generation`
   * is not stale if that generation is at least the one the invalidation announced.
   */
  stale(key: string, ticket: number, generation?: number): boolean {
    if (this.#floor > ticket) return true;
    const mark = this.#marks.get(key);
    if (mark === undefined || mark.at <= ticket) return false;
    return mark.generation === undefined || generation === undefined || generation < mark.generation;
  }
}
