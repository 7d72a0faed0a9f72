/**
 * @module L1-hit figures: per-operation latency quantiles and untimed-per-op throughput.
 */
import { nowNs, quantile, round } from './stats.js';
import { HIT_OPS } from './workload.js';

/** One row of the L1-hit table. */
export type Row = { name: string; p50us: number; p99us: number; opsPerSec: number };

/** Times HIT_OPS sequential awaited calls of `get`, after a warm-up. */
export async function measureHits(name: string, get: () => unknown): Promise<Row> {
  for (let i = 0; i < 20_000; i++) await get(); // warm-up
  const samples = new Array<number>(HIT_OPS);
  const start = nowNs();
  for (let i = 0; i < HIT_OPS; i++) {
    const t = nowNs();
    await get();
    samples[i] = nowNs() - t;
  }
  const total = nowNs() - start;
  return {
    name,
    p50us: round(quantile(samples, 0.5) / 1e3, 3),
    p99us: round(quantile(samples, 0.99) / 1e3, 3),
    opsPerSec: Math.round(HIT_OPS / (total / 1e9)),
  };
}

/** Operations per second of HIT_OPS sequential awaited calls, with no per-call timer. */
export async function throughput(get: () => unknown): Promise<number> {
  const start = nowNs();
  for (let i = 0; i < HIT_OPS; i++) await get();
  return Math.round(HIT_OPS / ((nowNs() - start) / 1e9));
}
