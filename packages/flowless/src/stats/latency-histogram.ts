/**
 * @module A small fixed-bucket latency histogram: cheap to fill (one increment per request),
 * cheap to merge (add the counts), and good enough for a p95 on a chart. A percentile is reported
 * as the upper bound of the bucket it falls in, so it is never under-stated.
 */

/** Upper bounds of the buckets, in ms; one more bucket takes everything slower. */
export const LATENCY_BOUNDS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];

/** Counts per bucket: `LATENCY_BOUNDS_MS.length + 1` entries. */
export type LatencyCounts = number[];

/** An empty histogram. */
export function emptyLatency(): LatencyCounts {
  return new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
}

/** Counts one request that took `ms` into `counts`. */
export function observeLatency(counts: LatencyCounts, ms: number): void {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
  const slot = index === -1 ? LATENCY_BOUNDS_MS.length : index;
  counts[slot] = (counts[slot] ?? 0) + 1;
}

/** Adds `from` into `into`. */
export function mergeLatency(into: LatencyCounts, from: LatencyCounts): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
}

/**
 * The `q` quantile (0.95 for p95) in ms: the upper bound of its bucket, the largest bound when it
 * is in the overflow bucket, or null for an empty histogram.
 */
export function latencyQuantile(counts: LatencyCounts, q: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] ?? 0;
    if (seen >= rank) return LATENCY_BOUNDS_MS[Math.min(i, LATENCY_BOUNDS_MS.length - 1)] ?? null;
  }
  return LATENCY_BOUNDS_MS.at(-1) ?? null;
}
