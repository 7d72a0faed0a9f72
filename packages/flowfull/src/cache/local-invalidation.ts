/**
 * @module What this process drops when a key is written, deleted or announced stale: its L1 copy,
 * the invalidation mark that stops reads and loads in flight from filling L1, and the shared load.
 */
import type { Invalidation } from './invalidation-bus.js';
import type { SingleFlight } from './single-flight.js';
import type { Tiers } from './tiers.js';

/** The part of {@link SingleFlight} invalidation uses. */
type FlightsToForget = Pick<SingleFlight<unknown>, 'size' | 'forget' | 'forgetPrefix'>;

/**
 * Applies invalidations (local writes, bus messages, prefix deletes, resyncs) to this process.
 */
export class LocalInvalidation {
  readonly #tiers: Tiers;
  readonly #flights: FlightsToForget;

  constructor(tiers: Tiers, flights: FlightsToForget) {
    this.#tiers = tiers;
    this.#flights = flights;
  }

  /** Bars reads and loads of `key` already in flight from filling L1, and unshares its load. */
  invalidate(key: string, generation?: number): void {
    // Marks only matter to reads and loads already running; skipping them otherwise keeps a burst
    // of writes from filling the mark table (memory) for nothing.
    if (this.#tiers.reading || this.#flights.size > 0) this.#tiers.marks.invalidate(key, generation);
    this.#flights.forget(key);
  }

  /** Drops local state for an invalidation; returns how many L1 entries (or keys named) it covered. */
  drop(invalidation: Invalidation): number {
    const l1 = this.#tiers.l1;
    if ('keys' in invalidation) {
      const { keys, generations } = invalidation;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        // A copy at least as new as the announced write (we read it after that write) stays.
        const held = l1.generation(key);
        const announced = generations?.[i];
        if (held === undefined || announced === undefined || held < announced) l1.delete(key);
        this.invalidate(key, announced);
      }
      return keys.length;
    }
    this.#tiers.marks.invalidateAll();
    this.#flights.forgetPrefix(invalidation.prefix);
    return l1.deleteByPrefix(invalidation.prefix);
  }
}
