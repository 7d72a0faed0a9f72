/**
 * @module Prints the cache benchmark: the tables, the targets line, the machine's load and one
 * JSON line of the figures.
 */
import { cpus, loadavg } from 'node:os';
import type { Row } from './hit-latency.js';
import { round } from './stats.js';
import { LOADER_MS, PROPAGATION_SAMPLES, STAMPEDE, STAMPEDE_ROUNDS } from './workload.js';

/** What the benchmark measured. */
export interface CacheFigures {
  l1Hit: Row[];
  hybridVsBentoOps: number;
  hybridOpsPerSec: number;
  bentoOpsPerSec: number;
  stampede: { loaderCalls: number; loaderDoneMs: number; p99AfterLoaderMs: number }[];
  propagation: { p99ms: number }[];
  propagationSamples: number;
  stampedeRounds: number;
  stalledFirstMissMs: number;
  loaderMs: number;
  memory100kMB: number;
  rawLruMemory100kMB: number;
  arrayBuffers100kMB: number;
  rawLruArrayBuffers100kMB: number;
  sessionJsonBytes: number;
}

/** Prints the report of `figures`. */
export function printReport(figures: CacheFigures): void {
  const hits = figures.l1Hit;
  const stampedes = figures.stampede;
  const propagations = figures.propagation;
  const hybridOps = figures.hybridOpsPerSec;
  const bentoOps = figures.bentoOpsPerSec;
  const stalledMissMs = figures.stalledFirstMissMs;
  const memoryMB = figures.memory100kMB;
  const rawMemoryMB = figures.rawLruMemory100kMB;
  const arrayBuffersMB = figures.arrayBuffers100kMB;
  const rawArrayBuffersMB = figures.rawLruArrayBuffers100kMB;
  const hybridRow = hits[1] as Row;
  console.log('\nL1 hit (session-sized value, 200,000 sequential awaited gets)');
  console.table(hits);
  console.log(
    `HybridCache / BentoCache L1-hit throughput: ${figures.hybridVsBentoOps}x (${hybridOps} vs ${bentoOps} ops/s)`,
  );
  console.log(
    `\n${STAMPEDE} concurrent callers, one cold key, ${LOADER_MS} ms loader (median of ${STAMPEDE_ROUNDS} rounds after a warm-up round)`,
  );
  console.table(stampedes);
  console.log(`\nDelete on instance A -> miss on instance B (real Redis, ${PROPAGATION_SAMPLES} samples)`);
  console.table(propagations);
  console.log(
    `\nFirst L1 miss with Redis stalled (timeout 50 ms, loader ${LOADER_MS} ms): ${stalledMissMs} ms`,
  );
  console.log(
    `Memory for 100,000 session-sized entries (${figures.sessionJsonBytes} B of JSON each) in L1: ${memoryMB} MB ` +
      `(raw lru-cache holding the same parsed values: ${rawMemoryMB} MB); ArrayBuffers beside the heap: ` +
      `${arrayBuffersMB} MB (raw: ${rawArrayBuffersMB} MB)`,
  );
  console.log(
    `\nTargets: L1 p50 <= 1 us: ${hybridRow.p50us <= 1}; >= 5x BentoCache: ${figures.hybridVsBentoOps >= 5}; ` +
      `stampede 1 loader call: ${stampedes[0]?.loaderCalls === 1}; waiter p99 <= loader end + 5 ms: ${(stampedes[0]?.p99AfterLoaderMs ?? 99) <= 5} ` +
      `(loader ended ${stampedes[0]?.loaderDoneMs} ms after the first call: ${LOADER_MS} ms timer, the L2 read before it and issuing the calls); ` +
      `propagation p99 <= 5 ms: ${(propagations[0]?.p99ms ?? 99) <= 5}; stalled miss <= ${LOADER_MS + 60} ms: ${stalledMissMs <= LOADER_MS + 60}; ` +
      `100k entries <= 64 MB: ${memoryMB <= 64}`,
  );
  console.log(
    `Machine load average while running: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  console.log(
    JSON.stringify({
      bench: 'cache',
      ...figures,
      loadAverage: round(loadavg()[0] ?? 0),
      cpus: cpus().length,
    }),
  );
}
