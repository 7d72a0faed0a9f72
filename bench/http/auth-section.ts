/**
 * @module The `auth` section of `npm run bench:http`: rows (a)–(e) (see `http.bench.ts`).
 */
import { cpus, loadavg } from 'node:os';
import { printAuthReport } from './auth-report.js';
import { BENCH_DEVICE, BENCH_USER_AGENT } from './bench-fingerprint.js';
import { COLD_ROUNDS, COLD_SAMPLES, CONNECTIONS, DURATION_S, REDIS_URL, ROUNDS } from './bench-settings.js';
import { start } from './child-servers.js';
import { coldRequestRows } from './cold-requests.js';
import { type ColdRowResult, medianAddedP50, sampleColdRows } from './cold-rounds.js';
import { loadRounds, medianRatio, merge, type Row } from './warm-rows.js';

/** Starts the Flowfull server against `flowless`, measures rows (a)–(e) and prints them. */
export async function authSection(flowless: Record<string, string>, withRedis: boolean): Promise<void> {
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
  const [bare = [], noop = [], warm = []] = await loadRounds([bareUrl, noopUrl, authUrl], warmHeaders);
  const a = merge('(a) bare Hono route', bare);
  const a2 = merge('(a2) same route behind two no-op middlewares', noop);
  const b = merge('(b) requireAuth, warm cache, ADVANCED', warm);

  const cold = await sampleColdRows(
    coldRequestRows(flowless, flowfull, fingerprint),
    COLD_ROUNDS,
    COLD_SAMPLES,
  );
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
  printAuthReport({ withRedis, rows, a, b, c0, figures });
}
