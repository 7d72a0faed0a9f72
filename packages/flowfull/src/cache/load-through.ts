/**
 * @module The path of an L1 miss: L2, then the loader, the loaded value stored in both tiers
 * unless a concurrent delete happened meanwhile, and how the miss is counted.
 */
import type { Flight } from './cache-assembly.js';
import { encodeValue } from './json-value.js';
import type { CacheCounters } from './metrics.js';
import type { Tiers } from './tiers.js';

/**
 * Reads `key` from L2, or loads it with `loader` and stores it for `ttlMs` (a null or undefined
 * value is not stored).
 */
export async function loadThrough(
  tiers: Tiers,
  counters: CacheCounters,
  key: string,
  loader: () => unknown,
  ttlMs: number,
): Promise<Flight> {
  const ticket = tiers.marks.ticket();
  const l2 = await tiers.readL2(key, ticket);
  if (l2.value !== null) return { value: l2.value, fromL2: true };
  counters.dbHits++;
  const loaded: unknown = await loader();
  if (loaded === null || loaded === undefined) return { value: null, fromL2: false };
  const encoded = encodeValue(loaded);
  // Without the generation (L2 unreadable), an L2 write could resurrect a concurrent delete.
  await tiers.store(key, encoded, ttlMs, ticket, l2.generation ?? 'skip-l2');
  return { value: encoded.tree, fromL2: false };
}

/** Counts an L1 miss: a hit of L2 when it answered, a miss otherwise. */
export function countMiss(counters: CacheCounters, fromL2: boolean): void {
  if (fromL2) {
    counters.cacheHits++;
    counters.redisHits++;
  } else {
    counters.cacheMisses++;
  }
}
