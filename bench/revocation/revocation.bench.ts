/**
 * @module `npm run bench:revocation`: how long after a logout the starter refuses the session, on
 * the system `npm start` runs (auth server and starter as processes on 127.0.0.1, libSQL files)
 * with revocations over the auth server's event-stream feed (no Redis), beside the same system
 * with revocations over Redis (the peer row), in one run. Each sample: a session cached on the
 * starter, `POST /auth/logout` at the auth server, then the starter asked back to back until it
 * answers 401; the figure is the time from the logout's answer (the revocation is committed) to
 * that 401. Samples alternate between the two systems. Target: p99 ≤ 1 s (aim ≤ 50 ms) over 200
 * logouts. Prints a table, then one JSON line.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildServer, freePort, startChild, waitForHealthy } from '../../scripts/start/child-process.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface System {
  readonly name: string;
  readonly auth: string;
  readonly starter: string;
  readonly children: ChildServer[];
  readonly sessions: string[];
}

async function startSystem(name: string, extra: Record<string, string>): Promise<System> {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-revocation-${name}-`));
  const { REDIS_URL: _r, DATABASE_URL: _d, ...rest } = process.env;
  const base = {
    ...rest,
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BRIDGE_VALIDATION_SECRET: randomBytes(32).toString('hex'),
    ...extra,
  };
  const authPort = await freePort();
  const starterPort = await freePort();
  const auth = `http://127.0.0.1:${authPort}`;
  const starter = `http://127.0.0.1:${starterPort}`;
  const children = [
    startChild(
      `${name}-flowless`,
      'packages/flowless/src/cli/flowless.ts',
      ['serve'],
      {
        ...base,
        PORT: String(authPort),
        DATABASE_URL: `file:${join(dataDir, 'flowless.db')}`,
        REQUIRE_EMAIL_VERIFICATION: 'false',
        SESSION_COOKIE_SECURE: 'false',
        RATE_LIMIT_LOGIN_MAX: '100000',
        RATE_LIMIT_REGISTER_MAX: '100000',
        RATE_LIMIT_DEFAULT_MAX: '100000',
      },
      () => undefined,
    ),
  ];
  await waitForHealthy(`${auth}/health`, 30_000, children[0]?.exited ?? new Promise(() => undefined));
  const starterChild = startChild(
    `${name}-starter`,
    'apps/starter/src/main.ts',
    [],
    {
      ...base,
      PORT: String(starterPort),
      DATABASE_URL: `file:${join(dataDir, 'starter.db')}`,
      FLOWLESS_API_URL: auth,
    },
    () => undefined,
  );
  children.push(starterChild);
  await waitForHealthy(`${starter}/health`, 30_000, starterChild.exited);
  return { name, auth, starter, children, sessions: [] };
}

async function post(url: string, json: unknown, session?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { 'x-session-id': session } : {}) },
    body: JSON.stringify(json),
  });
}

async function protectedStatus(system: System, session: string): Promise<number> {
  const res = await fetch(`${system.starter}/api/v1/protected`, { headers: { 'x-session-id': session } });
  await res.arrayBuffer();
  return res.status;
}

/** Registers one user and logs in `count` times; every session is then cached on the starter. */
async function prepare(system: System, count: number): Promise<void> {
  const email = `bench-${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  await (await post(`${system.auth}/auth/register/public`, { email, password, name: 'bench' })).arrayBuffer();
  for (let i = 0; i < count; i++) {
    const res = await post(`${system.auth}/auth/login`, { email, password });
    const body = (await res.json()) as { session_id?: string };
    if (!body.session_id) throw new Error(`${system.name}: login failed (${res.status})`);
    system.sessions.push(body.session_id);
    if ((await protectedStatus(system, body.session_id)) !== 200)
      throw new Error(`${system.name}: not cached`);
  }
}

/** One logout; resolves ms from its answer to the starter's first 401 (and the logout's own ms). */
async function sample(system: System, session: string): Promise<{ refusedMs: number; logoutMs: number }> {
  const started = performance.now();
  const res = await post(`${system.auth}/auth/logout`, {}, session);
  await res.arrayBuffer();
  const committed = performance.now();
  for (;;) {
    if ((await protectedStatus(system, session)) === 401) {
      return { refusedMs: performance.now() - committed, logoutMs: committed - started };
    }
    if (performance.now() - committed > 10_000) throw new Error(`${system.name}: not refused in 10 s`);
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const r2 = (n: number): number => Math.round(n * 100) / 100;

const loadStart = Number((loadavg()[0] ?? 0).toFixed(2));
const systems = [
  await startSystem('feed', {}),
  await startSystem('redis', { REDIS_URL, CACHE_ENABLED: 'true' }),
];
try {
  for (const system of systems) await prepare(system, SAMPLES);
  const results = new Map(systems.map((system) => [system.name, [] as number[]]));
  const logouts = new Map(systems.map((system) => [system.name, [] as number[]]));
  for (let i = 0; i < SAMPLES; i++) {
    for (const system of systems) {
      const { refusedMs, logoutMs } = await sample(system, system.sessions[i] as string);
      results.get(system.name)?.push(refusedMs);
      logouts.get(system.name)?.push(logoutMs);
    }
  }
  const rows = systems.map((system) => {
    const values = results.get(system.name) ?? [];
    return {
      source: system.name === 'feed' ? 'feed (no Redis, npm start)' : 'Redis channel (peer row)',
      samples: values.length,
      p50_ms: r2(percentile(values, 50)),
      p95_ms: r2(percentile(values, 95)),
      p99_ms: r2(percentile(values, 99)),
      max_ms: r2(Math.max(...values)),
      logout_p50_ms: r2(percentile(logouts.get(system.name) ?? [], 50)),
    };
  });
  console.log(
    `logout → starter 401, ${SAMPLES} logouts per source, interleaved (target p99 ≤ 1000 ms, aim ≤ 50 ms)`,
  );
  console.table(rows);
  const feed = rows[0];
  console.log(
    JSON.stringify({
      bench: 'revocation',
      samples: SAMPLES,
      feed_p50_ms: feed?.p50_ms,
      feed_p99_ms: feed?.p99_ms,
      feed_max_ms: feed?.max_ms,
      redis_p50_ms: rows[1]?.p50_ms,
      redis_p99_ms: rows[1]?.p99_ms,
      target_met: (feed?.p99_ms ?? Number.POSITIVE_INFINITY) <= 1000,
      aim_met: (feed?.p99_ms ?? Number.POSITIVE_INFINITY) <= 50,
      load_start: loadStart,
      load_end: Number((loadavg()[0] ?? 0).toFixed(2)),
    }),
  );
} finally {
  await Promise.all(systems.flatMap((system) => system.children.map((child) => child.stop(5000))));
}
