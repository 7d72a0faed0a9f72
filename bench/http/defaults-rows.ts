/**
 * @module The server-defaults rows of `npm run bench:http`: each row's app runs in one child
 * process (`defaults-servers.ts`); autocannon loads one row at a time, in interleaved rounds, and
 * the child's CPU time over the load divided by the requests answered is the row's server CPU per
 * request, the figure the machine's other load moves least. Medians over rounds.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { DefaultsServers } from './defaults-servers.js';

/** One row's figures: medians over the rounds. */
export interface DefaultsRow {
  readonly key: string;
  readonly name: string;
  readonly rps: number;
  readonly p99ms: number;
  readonly cpuUsPerRequest: number;
  /** This row's CPU per request over the floor's, median of the per-round ratios. */
  readonly cpuVsFloor: number;
  readonly non2xx: number;
}

/** Options of {@link measureDefaultsRows}. */
export interface DefaultsRowsOptions {
  readonly connections: number;
  readonly durationS: number;
  readonly rounds: number;
  /** The Flowless-contract server for the protected row; without it the row is left out. */
  readonly flowless?: { readonly url: string; readonly secret: string };
  /** Row keys to run (the floor always runs). @default every row */
  readonly only?: readonly string[];
  /** Headers of every request (session id, User-Agent, device id). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Row key → name, in the printed order. */
export const DEFAULTS_ROW_NAMES: Readonly<Record<string, string>> = {
  bare: 'bare Hono, one JSON route (floor)',
  requestId: '+ request id alone',
  requestLog: '+ request log alone',
  metrics: '+ metrics alone',
  errorEnvelope: '+ error envelope alone',
  securityHeaders: '+ security headers alone',
  cors: '+ CORS alone',
  bodyLimit: '+ body limit alone',
  defaults: 'full defaults, GET /health',
  protected: 'full defaults + requireAuth, warm, ADVANCED, request log on',
};

/** One load run: req/s, p99, the server's CPU µs per request, failed answers. */
export interface LoadRun {
  readonly rps: number;
  readonly p99: number;
  readonly cpuUs: number;
  readonly non2xx: number;
}

/** The CPU time so far (µs) of a child that answers `{ type: 'cpu' }` with `{ us }`. */
export function childCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { us: number }) => resolve(message.us));
    child.send({ type: 'cpu' });
  });
}

/**
 * Loads `url` with autocannon and divides the server child's CPU time over the run by the
 * requests it answered.
 */
export async function loadWithCpu(
  child: ChildProcess,
  load: { url: string; headers: Readonly<Record<string, string>>; connections: number; durationS: number },
): Promise<LoadRun> {
  const before = await childCpu(child);
  const result = await autocannon({
    url: load.url,
    headers: { ...load.headers },
    connections: load.connections,
    duration: load.durationS,
  });
  const cpu = (await childCpu(child)) - before;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuUs: cpu / Math.max(1, result.requests.total),
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

/** The median of `values` (NaN when empty). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const at = (i: number): number => sorted[i] ?? Number.NaN;
  return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
};

/**
 * Starts the servers, warms every row up, runs the interleaved rounds and stops the servers.
 */
export async function measureDefaultsRows(options: DefaultsRowsOptions): Promise<DefaultsRow[]> {
  const child = fork(fileURLToPath(new URL('./defaults-servers.ts', import.meta.url)), [], {
    execArgv: [
      '--conditions=source',
      '--import',
      'tsx',
      ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean),
    ],
    env: {
      ...process.env,
      BENCH_FLOWLESS_URL: options.flowless?.url ?? '',
      BENCH_FLOWLESS_SECRET: options.flowless?.secret ?? '',
    },
  });
  try {
    const { urls } = await new Promise<DefaultsServers>((resolve, reject) => {
      child.once('message', (message) => resolve(message as DefaultsServers));
      child.once('exit', (code) => reject(new Error(`defaults servers exited with ${code}`)));
    });
    const run = (url: string, durationS: number): Promise<LoadRun> =>
      loadWithCpu(child, { url, headers: options.headers, connections: options.connections, durationS });
    const keys = Object.keys(DEFAULTS_ROW_NAMES).filter(
      (key) =>
        urls[key] !== undefined &&
        (key === 'bare' || options.only === undefined || options.only.includes(key)),
    );
    for (const key of keys) await run(urls[key] as string, 2); // JIT and cache warm-up
    const runs = new Map<string, LoadRun[]>(keys.map((key) => [key, []]));
    for (let round = 0; round < options.rounds; round++) {
      // Each round starts with a different row, so a slow spell does not always fall on one row.
      for (let i = 0; i < keys.length; i++) {
        const key = keys[(round + i) % keys.length] as string;
        runs.get(key)?.push(await run(urls[key] as string, options.durationS));
      }
    }
    const floor = runs.get('bare') ?? [];
    return keys.map((key) => {
      const of = runs.get(key) ?? [];
      return {
        key,
        name: DEFAULTS_ROW_NAMES[key] ?? key,
        rps: Math.round(median(of.map((r) => r.rps))),
        p99ms: median(of.map((r) => r.p99)),
        cpuUsPerRequest: Math.round(median(of.map((r) => r.cpuUs)) * 10) / 10,
        cpuVsFloor:
          Math.round(median(of.map((r, k) => r.cpuUs / (floor[k]?.cpuUs ?? Number.NaN))) * 100) / 100,
        non2xx: of.reduce((sum, r) => sum + r.non2xx, 0),
      };
    });
  } finally {
    child.send({ type: 'exit' });
  }
}
