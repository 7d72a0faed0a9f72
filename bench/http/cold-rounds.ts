/**
 * @module The cold-validation part of `npm run bench:http`: rows sampled sequentially in
 * interleaved rounds after a warm-up round, so that every row sees the same JIT state and the same
 * spells of machine load.
 */
import { type LatencySummary, type ProbeRequest, sampleLatency } from './latency-probe.js';

/** One sequentially sampled row: `build(round, i)` makes the i-th request of a round. */
export interface ColdRow {
  readonly key: string;
  readonly build: (round: number, i: number) => ProbeRequest;
}

/** Per row, the median over rounds of its p50 and p99, and its per-round p50s. */
export interface ColdRowResult extends LatencySummary {
  readonly roundP50s: readonly number[];
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Samples every row `rounds` times (`samples` requests each, the starting row rotating), after one
 * unmeasured round of every row.
 */
export async function sampleColdRows(
  rows: readonly ColdRow[],
  rounds: number,
  samples: number,
): Promise<Map<string, ColdRowResult>> {
  for (const row of rows) await sampleLatency((i) => row.build(-1, i), samples);
  const summaries = new Map<string, LatencySummary[]>(rows.map((row) => [row.key, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < rows.length; k++) {
      const row = rows[(round + k) % rows.length] as ColdRow;
      summaries.get(row.key)?.push(await sampleLatency((i) => row.build(round, i), samples, 50));
    }
  }
  const results = new Map<string, ColdRowResult>();
  for (const [key, list] of summaries) {
    results.set(key, {
      p50ms: median(list.map((s) => s.p50ms)),
      p99ms: median(list.map((s) => s.p99ms)),
      non2xx: list.reduce((sum, s) => sum + s.non2xx, 0),
      roundP50s: list.map((s) => s.p50ms),
    });
  }
  return results;
}

/** The median over rounds of `top`'s p50 minus `bottom`'s p50 in the same round, in ms. */
export function medianAddedP50(top: ColdRowResult, bottom: ColdRowResult): number {
  const added = top.roundP50s.map((p50, i) => p50 - (bottom.roundP50s[i] ?? Number.NaN));
  return Number(median(added).toFixed(3));
}
