/**
 * @module The warm rows of `npm run bench:http` under autocannon: one row's rounds merged into a
 * table row, and throughput ratios between rows as the median of per-round ratios.
 */
import autocannon from 'autocannon';
import { CONNECTIONS, DURATION_S, ROUNDS } from './bench-settings.js';

/** One row of the auth table. */
export type Row = { name: string; rps: number | null; p50ms: number; p99ms: number; non2xx: number };

async function load(url: string, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return autocannon({ url, headers, duration: DURATION_S, connections: CONNECTIONS });
}

export function merge(name: string, results: autocannon.Result[]): Row {
  const mean = (pick: (r: autocannon.Result) => number): number =>
    Number((results.reduce((sum, r) => sum + pick(r), 0) / results.length).toFixed(2));
  return {
    name,
    rps: Math.round(mean((r) => r.requests.average)),
    p50ms: mean((r) => r.latency.p50),
    p99ms: mean((r) => r.latency.p99),
    non2xx: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
  };
}

/** The median over rounds of one row's throughput divided by another's in the same round. */
export function medianRatio(top: autocannon.Result[], bottom: autocannon.Result[]): number {
  const ratios = top
    .map((r, i) => r.requests.average / ((bottom[i] as autocannon.Result).requests.average || 1))
    .sort((x, y) => x - y);
  return Number((ratios[Math.floor(ratios.length / 2)] ?? 0).toFixed(3));
}

/**
 * Loads each URL with the same request for ROUNDS interleaved rounds, after a warm-up, and
 * returns each URL's results in order.
 */
export async function loadRounds(
  urls: readonly string[],
  headers: Record<string, string>,
): Promise<autocannon.Result[][]> {
  for (const url of urls) {
    await autocannon({ url, headers, duration: 2, connections: CONNECTIONS });
  }
  const results = urls.map(() => [] as autocannon.Result[]);
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with a different row, so that a slow spell of the machine does not always
    // fall on the same one.
    for (let i = 0; i < urls.length; i++) {
      const row = (round + i) % urls.length;
      (results[row] as autocannon.Result[]).push(await load(urls[row] as string, headers));
    }
  }
  return results;
}
