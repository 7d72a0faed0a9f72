/**
 * @module `npm run bench:http`: on 127.0.0.1, (a) a bare Hono route and (b) the same route behind
 * `requireAuth()` with a warm cache in ADVANCED mode, plus (a2) the route behind two no-op
 * middlewares (the floor of any middleware in Hono), under autocannon: the same request to every
 * row, five interleaved rounds (rows averaged; throughput ratios are the median of the per-round
 * ratios);
 * (c) cold validations (a new session id per request) through Flowfull and (d) the same calls made
 * to the Flowless-contract server directly, sampled sequentially with microsecond timing in six
 * interleaved rounds after a warm-up round, so that (c) − (d) (the median of the per-round
 * differences of p50) is what Flowfull adds; (e), the same route forwarding the same call to
 * Flowless with no validator, is the floor of (c): the extra HTTP hop any backend pays. Then the
 * server defaults row by row (`defaults-rows.ts`): a bare route, each default alone, the full
 * defaults and the protected route, with the server's CPU time per request. Servers run in child
 * processes. Prints tables, then one JSON line per section (`BENCH_SECTIONS=auth` or `defaults`
 * runs one).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BENCH_DEVICE, BENCH_USER_AGENT } from './bench-fingerprint.js';
import { type ColdRow, type ColdRowResult, medianAddedP50, sampleColdRows } from './cold-rounds.js';
import { measureDefaultsRows } from './defaults-rows.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 50;
const COLD_ROUNDS = 6;
const COLD_SAMPLES = 500;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** `auth` (rows (a)–(e)) and `defaults` (the server defaults, row by row); both unless set. */
const SECTIONS = (process.env.BENCH_SECTIONS ?? 'auth,defaults').split(',');
const DEFAULTS_DURATION_S = Number(process.env.BENCH_DEFAULTS_DURATION_S ?? 3);
const DEFAULTS_ROUNDS = Number(process.env.BENCH_DEFAULTS_ROUNDS ?? 3);
const serversScript = fileURLToPath(new URL('./http-servers.ts', import.meta.url));
const children: ChildProcess[] = [];

function start(role: string, env: Record<string, string>): Promise<Record<string, string>> {
  const child = fork(serversScript, [role], {
    execArgv: ['--conditions=source', '--import', 'tsx'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as Record<string, string>));
    child.once('exit', (code) => reject(new Error(`${role} server exited with ${code}`)));
  });
}

type Row = { name: string; rps: number | null; p50ms: number; p99ms: number; non2xx: number };

async function load(url: string, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return autocannon({ url, headers, duration: DURATION_S, connections: CONNECTIONS });
}

function merge(name: string, results: autocannon.Result[]): Row {
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
function medianRatio(top: autocannon.Result[], bottom: autocannon.Result[]): number {
  const ratios = top
    .map((r, i) => r.requests.average / ((bottom[i] as autocannon.Result).requests.average || 1))
    .sort((x, y) => x - y);
  return Number((ratios[Math.floor(ratios.length / 2)] ?? 0).toFixed(3));
}

/**
 * The server defaults, row by row, in their own child process: req/s, p99 and the server's CPU
 * time per request against a bare Hono route in the same run. Prints a table and a JSON line.
 */
async function defaultsSection(flowless: Record<string, string>): Promise<void> {
  const rows = await measureDefaultsRows({
    connections: CONNECTIONS,
    durationS: DEFAULTS_DURATION_S,
    rounds: DEFAULTS_ROUNDS,
    flowless: { url: flowless.url ?? '', secret: flowless.secret ?? '' },
    headers: {
      'user-agent': BENCH_USER_AGENT,
      'x-device-id': BENCH_DEVICE,
      'x-session-id': 'bench-warm',
    },
    ...(process.env.BENCH_DEFAULTS_ROWS ? { only: process.env.BENCH_DEFAULTS_ROWS.split(',') } : {}),
  });
  const load = Number((loadavg()[0] ?? 0).toFixed(2));
  console.log(
    `\nbench:http server defaults — ${CONNECTIONS} connections, ${DEFAULTS_ROUNDS} interleaved rounds of ` +
      `${DEFAULTS_DURATION_S} s, medians; server CPU µs/req = the server process's CPU time ÷ requests answered; load ${load}\n`,
  );
  console.table(
    rows.map((r) => ({
      scenario: r.name,
      'req/s': r.rps,
      'p99 ms': r.p99ms,
      'server CPU µs/req': r.cpuUsPerRequest,
      'CPU × floor': r.cpuVsFloor,
      'non-2xx': r.non2xx,
    })),
  );
  const of = (key: string): number | null => rows.find((r) => r.key === key)?.cpuVsFloor ?? null;
  const health = of('defaults');
  console.log(
    `full defaults (GET /health) ${health}× the floor's CPU per request (target ≤ 2×: ` +
      `${health !== null && health <= 2 ? 'met' : 'NOT met'}); protected route ${of('protected')}× the floor`,
  );
  console.log(
    JSON.stringify({
      bench: 'http-defaults',
      connections: CONNECTIONS,
      durationS: DEFAULTS_DURATION_S,
      rounds: DEFAULTS_ROUNDS,
      cpus: cpus().length,
      loadAverage: load,
      node: process.version,
      rows,
      healthCpuVsFloor: health,
      protectedCpuVsFloor: of('protected'),
    }),
  );
}

async function redisAvailable(): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

try {
  const withRedis = await redisAvailable();
  const flowless = await start('flowless', {});
  if (SECTIONS.includes('auth')) {
    const flowfull = await start('flowfull', {
      BENCH_FLOWLESS_URL: flowless.url ?? '',
      BENCH_FLOWLESS_SECRET: flowless.secret ?? '',
      BENCH_REDIS_URL: withRedis ? REDIS_URL : '',
    });
    const bareUrl = `${flowfull.bare}/api/v1/items`;
    const authUrl = `${flowfull.auth}/api/v1/items`;
    const fingerprint = { 'user-agent': BENCH_USER_AGENT, 'x-device-id': BENCH_DEVICE };
    const warmHeaders = { ...fingerprint, 'x-session-id': 'bench-warm' };
    const check = await fetch(authUrl, { headers: warmHeaders });
    if (check.status !== 200) throw new Error(`warm-up request answered ${check.status}`);

    // Every row gets the same request (session id, User-Agent, device id): the rows differ only in
    // what the server runs for it.
    const noopUrl = `${flowfull.noop}/api/v1/items`;
    for (const url of [bareUrl, noopUrl, authUrl]) {
      await autocannon({ url, headers: warmHeaders, duration: 2, connections: CONNECTIONS });
    }
    const bare: autocannon.Result[] = [];
    const noop: autocannon.Result[] = [];
    const warm: autocannon.Result[] = [];
    const rows3 = [
      { url: bareUrl, results: bare },
      { url: noopUrl, results: noop },
      { url: authUrl, results: warm },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with a different row, so that a slow spell of the machine does not always
      // fall on the same one.
      for (let i = 0; i < rows3.length; i++) {
        const row = rows3[(round + i) % rows3.length] as (typeof rows3)[number];
        row.results.push(await load(row.url, warmHeaders));
      }
    }
    const a = merge('(a) bare Hono route', bare);
    const a2 = merge('(a2) same route behind two no-op middlewares', noop);
    const b = merge('(b) requireAuth, warm cache, ADVANCED', warm);

    const secret = flowless.secret ?? '';
    const coldRows: ColdRow[] = [
      {
        key: 'd',
        build: (round, i) => ({
          method: 'POST',
          url: `${flowless.url}/auth/bridge/validate`,
          headers: { 'content-type': 'application/json', 'x-bridge-secret': secret },
          body: JSON.stringify({
            session_id: `bench-direct-${round}-${i}`,
            ip: '127.0.0.1',
            user_agent: BENCH_USER_AGENT,
          }),
        }),
      },
      {
        key: 'c',
        build: (round, i) => ({
          method: 'GET',
          url: authUrl,
          headers: { ...fingerprint, 'x-session-id': `bench-cold-${round}-${i}` },
        }),
      },
    ];
    coldRows.push({
      key: 'e',
      build: (round, i) => ({
        method: 'GET',
        url: `${flowfull.forward}/api/v1/items`,
        headers: { ...fingerprint, 'x-session-id': `bench-forward-${round}-${i}` },
      }),
    });
    if (flowfull.authLocal) {
      coldRows.push({
        key: 'c0',
        build: (round, i) => ({
          method: 'GET',
          url: `${flowfull.authLocal}/api/v1/items`,
          headers: { ...fingerprint, 'x-session-id': `bench-local-${round}-${i}` },
        }),
      });
    }
    const cold = await sampleColdRows(coldRows, COLD_ROUNDS, COLD_SAMPLES);
    const coldRow = (key: string, name: string): Row => {
      const { p50ms, p99ms, non2xx } = cold.get(key) as ColdRowResult;
      return { name, rps: null, p50ms, p99ms, non2xx };
    };
    const c = coldRow('c', `(c) requireAuth, cold validation${withRedis ? ', Redis L2' : ''}, sequential`);
    const d = coldRow('d', '(d) Flowless-contract server alone, sequential');
    const e = coldRow('e', '(e) bare route forwarding the call to Flowless (floor of (c)), sequential');
    const rows = [a, a2, b, c, d, e];
    const c0 = cold.has('c0')
      ? coldRow('c0', '(c0) requireAuth, cold validation, in-process cache only')
      : undefined;
    if (c0 !== undefined) rows.push(c0);
    const coldD = cold.get('d') as ColdRowResult;
    const figures = {
      bench: 'http',
      durationS: DURATION_S,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      coldRounds: COLD_ROUNDS,
      coldSamplesPerRound: COLD_SAMPLES,
      redis: withRedis,
      cpus: cpus().length,
      loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
      node: process.version,
      rows,
      warmThroughputRatio: medianRatio(warm, bare),
      noopThroughputRatio: medianRatio(noop, bare),
      warmVsNoopThroughputRatio: medianRatio(warm, noop),
      warmP99Ratio: Number((b.p99ms / Math.max(a.p99ms, 0.001)).toFixed(3)),
      coldAddedP50Ms: medianAddedP50(cold.get('c') as ColdRowResult, coldD),
      forwardAddedP50Ms: medianAddedP50(cold.get('e') as ColdRowResult, coldD),
      coldOverForwardP50Ms: medianAddedP50(cold.get('c') as ColdRowResult, cold.get('e') as ColdRowResult),
      coldAddedP50MsWithoutRedis: cold.has('c0')
        ? medianAddedP50(cold.get('c0') as ColdRowResult, coldD)
        : null,
    };
    const targets = {
      warmThroughput: figures.warmThroughputRatio >= 0.9,
      warmP99: b.p99ms <= 2 * a.p99ms,
      coldAddedP50: figures.coldAddedP50Ms <= 1,
    };
    console.log(
      `\nbench:http — loopback, Redis ${withRedis ? 'on' : 'off'}, ${cpus().length} CPUs, load ${figures.loadAverage}\n`,
    );
    console.table(
      rows.map((r) => ({
        scenario: r.name,
        'req/s': r.rps ?? '—',
        'p50 ms': r.p50ms,
        'p99 ms': r.p99ms,
        'non-2xx': r.non2xx,
      })),
    );
    const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    console.log(
      `(b)/(a) throughput ${figures.warmThroughputRatio} (≥ 0.90: ${verdict(targets.warmThroughput)}; ` +
        `no-op middleware floor (a2)/(a) ${figures.noopThroughputRatio}, (b)/(a2) ${figures.warmVsNoopThroughputRatio}); ` +
        `p99 (b) ${b.p99ms} ms vs 2×(a) ${2 * a.p99ms} ms (${verdict(targets.warmP99)}); ` +
        `(c)−(d) p50 ${figures.coldAddedP50Ms} ms (≤ 1 ms: ${verdict(targets.coldAddedP50)})` +
        `; floor (e)−(d) p50 ${figures.forwardAddedP50Ms} ms, (c)−(e) ${figures.coldOverForwardP50Ms} ms` +
        (c0 === undefined ? '' : `; without Redis (c0)−(d) p50 ${figures.coldAddedP50MsWithoutRedis} ms`),
    );
    console.log(JSON.stringify({ ...figures, targets }));
  }
  if (SECTIONS.includes('defaults')) await defaultsSection(flowless);
} finally {
  for (const child of children) child.kill();
}
