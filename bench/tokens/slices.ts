/**
 * @module How `bench:tokens` measures: contenders run in short slices, taking turns, and a
 * contender's figure is its median throughput over its slices.
 */

/** Length of one measured slice of one contender. */
export const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 40);
/** Slices per contender; the contenders of a group take turns slice by slice. */
export const SLICES = Number(process.env.BENCH_SLICES ?? 60);

export interface Case {
  readonly group: string;
  readonly name: string;
  readonly run: () => unknown;
}

export interface Slice {
  readonly ops: number;
  readonly ms: number;
}

export async function slice(run: () => unknown): Promise<Slice> {
  const start = performance.now();
  const deadline = start + SLICE_MS;
  let ops = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < 16; i++) await run();
    ops += 16;
  }
  return { ops, ms: performance.now() - start };
}

// Median throughput over the slices. Contenders of a group alternate every slice, so load from
// other processes on a shared machine falls on all of them alike; the median drops the outliers.
export const median = (slices: readonly Slice[]): number => {
  const rates = slices.map((s) => (s.ops / s.ms) * 1000).sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] ?? 0;
};
