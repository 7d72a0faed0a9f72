/**
 * @module One row of `npm run bench:pages` under load: autocannon with a few connections for a
 * fixed time, every response's latency kept (autocannon's own summary has no p95), and the
 * server's CPU time per request.
 */
import autocannon from 'autocannon';

/** The figures of one row. */
export interface LoadFigures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Server CPU time per request, in ms. */
  cpuMs: number;
  /** Answers with another status than the probe's, and socket errors and timeouts. */
  errors: number;
}

/** How a row is loaded. */
export interface LoadSettings {
  connections: number;
  durationS: number;
  /** The server process's CPU time so far, in µs. */
  serverCpu: () => Promise<number>;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The `q` quantile of sorted `values` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/**
 * Loads `url` for `durationS` seconds and measures it; answers of another status than `status`
 * count as errors.
 */
export async function loadRow(
  url: string,
  headers: Record<string, string>,
  status: number,
  settings: LoadSettings,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let wrongStatus = 0;
  const before = await settings.serverCpu();
  const options = { url, headers, connections: settings.connections, duration: settings.durationS };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode !== status) wrongStatus++;
    });
  });
  const cpuUs = (await settings.serverCpu()) - before;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: Math.round(result.requests.average),
    p50: round2(quantile(latencies, 0.5)),
    p95: round2(quantile(latencies, 0.95)),
    p99: round2(quantile(latencies, 0.99)),
    cpuMs: round2(cpuUs / 1000 / Math.max(1, latencies.length)),
    errors: wrongStatus + result.errors + result.timeouts,
  };
}

/**
 * Warms `url` up (JIT, caches, connection pool) with `amount` requests.
 */
export async function warmRow(url: string, headers: Record<string, string>, amount: number): Promise<void> {
  await autocannon({ url, headers, connections: 1, amount });
}
