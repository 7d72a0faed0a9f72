/**
 * @module `npm run bench:http`: on 127.0.0.1, (a) a bare Hono route and (b) the same route behind
 * `requireAuth()` with a warm cache in ADVANCED mode, plus (a2) the route behind two no-op
 * middlewares (the floor of any middleware in Hono), under autocannon (three interleaved rounds,
 * averaged);
 * (c) cold validations (a new session id per request) through Flowfull and (d) the same calls made
 * to the Flowless-contract server directly, sampled sequentially with microsecond timing so that
 * (c) − (d) is what Flowfull adds. Servers run in child processes. Prints a table, then one JSON
 * line of the figures.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BENCH_DEVICE, BENCH_USER_AGENT } from './bench-fingerprint.js';
import { sampleLatency } from './latency-probe.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 50;
const COLD_SAMPLES = 2000;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
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

  await autocannon({ url: bareUrl, duration: 2, connections: CONNECTIONS });
  await autocannon({ url: authUrl, headers: warmHeaders, duration: 2, connections: CONNECTIONS });
  const noopUrl = `${flowfull.noop}/api/v1/items`;
  const bare: autocannon.Result[] = [];
  const noop: autocannon.Result[] = [];
  const warm: autocannon.Result[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await load(bareUrl));
    noop.push(await load(noopUrl));
    warm.push(await load(authUrl, warmHeaders));
  }
  const a = merge('(a) bare Hono route', bare);
  const a2 = merge('(a2) same route behind two no-op middlewares', noop);
  const b = merge('(b) requireAuth, warm cache, ADVANCED', warm);

  const secret = flowless.secret ?? '';
  const direct = await sampleLatency(
    (i) => ({
      method: 'POST',
      url: `${flowless.url}/auth/bridge/validate`,
      headers: { 'content-type': 'application/json', 'x-bridge-secret': secret },
      body: JSON.stringify({
        session_id: `bench-direct-${i}`,
        ip: '127.0.0.1',
        ...{ user_agent: BENCH_USER_AGENT },
      }),
    }),
    COLD_SAMPLES,
  );
  const cold = await sampleLatency(
    (i) => ({ method: 'GET', url: authUrl, headers: { ...fingerprint, 'x-session-id': `bench-cold-${i}` } }),
    COLD_SAMPLES,
  );
  const d: Row = { name: '(d) Flowless-contract server alone, sequential', rps: null, ...direct };
  const c: Row = {
    name: `(c) requireAuth, cold validation${withRedis ? ', Redis L2' : ''}, sequential`,
    rps: null,
    ...cold,
  };
  const rows = [a, a2, b, c, d];
  if (flowfull.authLocal) {
    const local = await sampleLatency(
      (i) => ({
        method: 'GET',
        url: `${flowfull.authLocal}/api/v1/items`,
        headers: { ...fingerprint, 'x-session-id': `bench-local-${i}` },
      }),
      COLD_SAMPLES,
    );
    rows.push({ name: '(c0) requireAuth, cold validation, in-process cache only', rps: null, ...local });
  }
  const c0 = rows[5];
  const figures = {
    bench: 'http',
    durationS: DURATION_S,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    coldSamples: COLD_SAMPLES,
    redis: withRedis,
    cpus: cpus().length,
    loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
    node: process.version,
    rows,
    warmThroughputRatio: Number(((b.rps ?? 0) / (a.rps ?? 1)).toFixed(3)),
    noopThroughputRatio: Number(((a2.rps ?? 0) / (a.rps ?? 1)).toFixed(3)),
    warmVsNoopThroughputRatio: Number(((b.rps ?? 0) / (a2.rps ?? 1)).toFixed(3)),
    warmP99Ratio: Number((b.p99ms / Math.max(a.p99ms, 0.001)).toFixed(3)),
    coldAddedP50Ms: Number((c.p50ms - d.p50ms).toFixed(3)),
    coldAddedP50MsWithoutRedis: c0 === undefined ? null : Number((c0.p50ms - d.p50ms).toFixed(3)),
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
      (c0 === undefined ? '' : `; without Redis (c0)−(d) p50 ${figures.coldAddedP50MsWithoutRedis} ms`),
  );
  console.log(JSON.stringify({ ...figures, targets }));
} finally {
  for (const child of children) child.kill();
}
