/**
 * @module `npm run bench:http`: autocannon on 127.0.0.1 against (a) a bare Hono route, (b) the
 * same route behind `requireAuth()` with a warm cache in ADVANCED mode, (c) cold validations
 * (a new session id per request) against a local Flowless-contract server, and (d) that Flowless
 * server alone, so (c) − (d) is what Flowfull adds. Servers run in child processes. Prints a
 * table, then one JSON line of the figures.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BENCH_DEVICE, BENCH_USER_AGENT } from './bench-fingerprint.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const WARM_CONNECTIONS = 50;
const COLD_CONNECTIONS = 10;
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

type Row = { name: string; rps: number; p50ms: number; p99ms: number; non2xx: number };

async function run(name: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ duration: DURATION_S, ...options });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
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
  const fingerprint = { 'user-agent': BENCH_USER_AGENT, 'x-device-id': BENCH_DEVICE };
  const warmHeaders = { ...fingerprint, 'x-session-id': 'bench-warm' };
  const warmCheck = await fetch(`${flowfull.auth}/api/v1/items`, { headers: warmHeaders });
  if (warmCheck.status !== 200) throw new Error(`warm-up request answered ${warmCheck.status}`);

  let counter = 0;
  const rows: Row[] = [];
  // Warm-up of both servers, discarded.
  await autocannon({ url: `${flowfull.bare}/api/v1/items`, duration: 2, connections: WARM_CONNECTIONS });
  await autocannon({
    url: `${flowfull.auth}/api/v1/items`,
    duration: 2,
    connections: WARM_CONNECTIONS,
    headers: warmHeaders,
  });
  rows.push(
    await run('(a) bare Hono route', { url: `${flowfull.bare}/api/v1/items`, connections: WARM_CONNECTIONS }),
  );
  rows.push(
    await run('(b) requireAuth, warm cache, ADVANCED', {
      url: `${flowfull.auth}/api/v1/items`,
      connections: WARM_CONNECTIONS,
      headers: warmHeaders,
    }),
  );
  rows.push(
    await run('(d) Flowless-contract server alone', {
      url: `${flowless.url}/auth/bridge/validate`,
      connections: COLD_CONNECTIONS,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bridge-secret': flowless.secret ?? '' },
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({ session_id: `bench-direct-${counter++}` }),
          }),
        },
      ],
    }),
  );
  rows.push(
    await run('(c) requireAuth, cold validation each request', {
      url: `${flowfull.auth}/api/v1/items`,
      connections: COLD_CONNECTIONS,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, ...fingerprint, 'x-session-id': `bench-cold-${counter++}` },
          }),
        },
      ],
    }),
  );

  const [a, b, d, c] = rows as [Row, Row, Row, Row];
  const figures = {
    bench: 'http',
    durationS: DURATION_S,
    redis: withRedis,
    cpus: cpus().length,
    node: process.version,
    rows,
    warmThroughputRatio: Number((b.rps / a.rps).toFixed(3)),
    warmP99Ratio: Number((b.p99ms / Math.max(a.p99ms, 0.001)).toFixed(3)),
    coldAddedP50Ms: Number((c.p50ms - d.p50ms).toFixed(3)),
  };
  const targets = {
    warmThroughput: figures.warmThroughputRatio >= 0.9,
    warmP99: b.p99ms <= 2 * a.p99ms,
    coldAddedP50: figures.coldAddedP50Ms <= 1,
  };
  console.log(`\nbench:http — ${DURATION_S} s per row, loopback, Redis ${withRedis ? 'on' : 'off'}\n`);
  console.table(
    rows.map((r) => ({
      scenario: r.name,
      'req/s': r.rps,
      'p50 ms': r.p50ms,
      'p99 ms': r.p99ms,
      'non-2xx/errors': r.non2xx,
    })),
  );
  console.log(
    `(b)/(a) throughput ${figures.warmThroughputRatio} (target ≥ 0.90: ${targets.warmThroughput ? 'met' : 'NOT met'}); ` +
      `p99 (b) ${b.p99ms} ms vs 2×(a) ${2 * a.p99ms} ms (${targets.warmP99 ? 'met' : 'NOT met'}); ` +
      `(c)−(d) p50 ${figures.coldAddedP50Ms} ms (target ≤ 1 ms: ${targets.coldAddedP50 ? 'met' : 'NOT met'})`,
  );
  console.log(JSON.stringify({ ...figures, targets }));
} finally {
  for (const child of children) child.kill();
}
