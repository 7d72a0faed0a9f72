/**
 * @module The propagation figure: a delete on instance A until instance B misses, over real Redis.
 */
import { nowNs, quantile, round } from './stats.js';
import { PROPAGATION_SAMPLES, sleep, tick } from './workload.js';

/** Samples PROPAGATION_SAMPLES deletes on A and how long B keeps answering the deleted key. */
export async function propagation(
  name: string,
  setA: (k: string) => Promise<unknown>,
  getB: (k: string) => Promise<unknown>,
  delA: (k: string) => Promise<unknown>,
) {
  const samples: number[] = [];
  for (let i = 0; i < PROPAGATION_SAMPLES; i++) {
    const key = `p${i}`;
    await setA(key);
    await sleep(2);
    while ((await getB(key)) == null) await tick(); // B holds it in L1
    const start = nowNs();
    await delA(key);
    while ((await getB(key)) != null) await tick();
    samples.push((nowNs() - start) / 1e6);
  }
  return { name, p50ms: round(quantile(samples, 0.5), 3), p99ms: round(quantile(samples, 0.99), 3) };
}
