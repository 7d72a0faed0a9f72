/**
 * @module `npm run bench:flowless`: on 127.0.0.1, with the servers in a child process,
 * (1) throughput and latency under autocannon of a bare Hono route (the floor), the same route
 * behind flowfull's server defaults, and bridge validation on a warm cache of a session and of a
 * personal API token, in interleaved rounds (medians reported), with the server's CPU time per
 * request; targets ≥ 0.5× the bare route with p99 ≤ 5 ms, and the token within 10 % of the session.
 * (1b) Cold validations of API tokens with 10,000 tokens in PostgreSQL, one at a time: p99 ≤ 5 ms. (2) The login timing of docs/security.md, property 5, with production Argon2id:
 * unknown email, unknown username, wrong password and locked account, 200 interleaved samples
 * each; target: medians within 10 ms and identical answers. Prints tables, then one JSON line.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchServers } from './bench-servers.js';
import { COLD_TOKENS } from './cold-tokens.js';
import { measureColdValidation } from './cold-validation.js';
import { measureLoginTiming } from './login-timing.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TIMING_SAMPLES = Number(process.env.BENCH_TIMING_SAMPLES ?? 200);
const COLD_SAMPLES = Number(process.env.BENCH_COLD_SAMPLES ?? 3000);

const load1 = (): number => Number((loadavg()[0] ?? 0).toFixed(2));
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const pick = (i: number): number => sorted[i] ?? Number.NaN;
  return sorted.length % 2 === 1 ? pick(mid) : (pick(mid - 1) + pick(mid)) / 2;
};
const round2 = (n: number): number => Math.round(n * 100) / 100;

const loadStart = load1();
const child = fork(fileURLToPath(new URL('./bench-servers.ts', import.meta.url)), [], {
  execArgv: ['--conditions=source', '--import', 'tsx'],
});
const servers = await new Promise<BenchServers>((resolve, reject) => {
  child.once('message', (message) => resolve(message as BenchServers));
  child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
});

/** The server process's CPU time so far, in µs. */
function serverCpu(): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { us: number }) => resolve(message.us));
    child.send({ type: 'cpu' });
  });
}

type Run = { rps: number; p50: number; p99: number; errors: number; cpuUs: number };

async function run(url: string, durationS = DURATION_S, body = servers.bridge.body): Promise<Run> {
  const before = await serverCpu();
  const result = await autocannon({
    url,
    method: 'POST',
    body,
    headers: servers.bridge.headers,
    connections: CONNECTIONS,
    duration: durationS,
  });
  const cpuUs = (await serverCpu()) - before;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    cpuUs: cpuUs / Math.max(1, result.requests.total),
  };
}

const validateUrl = `${servers.urls.flowless}/auth/bridge/validate`;
const rows = [
  { name: 'bare Hono route (floor)', url: servers.urls.bare, body: servers.bridge.body },
  { name: 'bare route behind the server defaults', url: servers.urls.defaults, body: servers.bridge.body },
  { name: 'bridge validate (warm cache)', url: validateUrl, body: servers.bridge.body },
  { name: 'bridge validate, API token (warm cache)', url: validateUrl, body: servers.bridge.tokenBody },
];
for (const row of rows) await run(row.url, 2, row.body); // JIT and cache warm-up
const runs: Run[][] = rows.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  // Each round starts with a different row, so no row always follows the same one.
  for (let k = 0; k < rows.length; k++) {
    const i = (round + k) % rows.length;
    runs[i]?.push(await run(rows[i]?.url as string, DURATION_S, rows[i]?.body));
  }
}
const figures = rows.map((row, i) => {
  const of = runs[i] ?? [];
  const rps = Math.round(median(of.map((r) => r.rps)));
  return {
    name: row.name,
    rps,
    p50: median(of.map((r) => r.p50)),
    p99: median(of.map((r) => r.p99)),
    littleMs: round2((CONNECTIONS * 1000) / Math.max(1, rps)),
    cpuUs: Math.round(median(of.map((r) => r.cpuUs))),
    errors: of.reduce((sum, r) => sum + r.errors, 0),
  };
});
const ratioOf = (a: number, b: number): number =>
  round2(median((runs[0] ?? []).map((_, k) => (runs[a]?.[k]?.rps ?? 0) / (runs[b]?.[k]?.rps ?? 1))));
const ratio = ratioOf(2, 0);
const defaultsRatio = ratioOf(1, 0);
const tokenRatio = ratioOf(3, 2);
const [, , validate, tokenValidate] = figures as [
  (typeof figures)[0],
  (typeof figures)[0],
  (typeof figures)[0],
  (typeof figures)[0],
];
const throughputPass = ratio >= 0.5 && validate.p99 <= 5 && validate.errors === 0;
const tokenPass = tokenRatio >= 0.9 && tokenValidate.errors === 0;
const loadMid = load1();

console.log(
  `\n(1) ${CONNECTIONS} connections (few: on ${cpus().length} cores, more only queue), ${ROUNDS} interleaved ` +
    `rounds of ${DURATION_S} s, medians; load average ${loadStart} → ${loadMid}. With a closed loop, mean ` +
    `latency = connections ÷ req/s ("conns÷rps ms", Little's law); the work per request is "server CPU µs/req".\n`,
);
console.table(
  figures.map((f) => ({
    run: f.name,
    'req/s': f.rps,
    'p50 ms': f.p50,
    'p99 ms': f.p99,
    'conns÷rps ms': f.littleMs,
    'server CPU µs/req': f.cpuUs,
    errors: f.errors,
  })),
);
console.log(
  `bridge validate ${ratio}× the bare route (defaults alone ${defaultsRatio}×; target ≥ 0.5×), ` +
    `p99 ${validate.p99} ms (target ≤ 5 ms): ${throughputPass ? 'PASS' : 'FAIL'}`,
);
console.log(
  `API token validation ${tokenRatio}× the session's throughput (target ≥ 0.9×): ${tokenPass ? 'PASS' : 'FAIL'}`,
);

const cold = servers.cold
  ? await measureColdValidation(
      `${servers.cold.url}/auth/bridge/validate`,
      { token: servers.cold.tokens, session: servers.cold.sessions },
      servers.bridge.headers,
      COLD_SAMPLES,
    )
  : null;
const coldPass = cold !== null && cold.token.p99 <= 5 && cold.token.errors === 0;
console.log(
  cold === null
    ? '\n(1b) cold API-token validation: skipped (PostgreSQL not reachable)'
    : `\n(1b) cold validations, ${COLD_TOKENS} tokens and as many sessions in PostgreSQL, ${cold.token.samples} of ` +
        `each asked for once, one at a time, in turn: token p50 ${cold.token.p50} ms, p99 ${cold.token.p99} ms, ` +
        `max ${cold.token.max} ms, errors ${cold.token.errors} (target p99 ≤ 5 ms): ${coldPass ? 'PASS' : 'FAIL'}; ` +
        `session p50 ${cold.session.p50} ms, p99 ${cold.session.p99} ms, max ${cold.session.max} ms; ` +
        `load average ${load1()}`,
);

const timing = await measureLoginTiming(
  `${servers.urls.flowless}/auth/login`,
  servers.logins,
  TIMING_SAMPLES,
);
const timingPass = timing.maxMedianDiffMs < 10 && timing.identicalAnswers;
const loadEnd = load1();
console.log(
  `\n(2) failed logins, production Argon2id (m=19456 KiB, t=2, p=1), ${timing.samples} interleaved ` +
    `samples per case, one at a time; load average ${loadMid} → ${loadEnd}\n`,
);
console.table(
  Object.entries(timing.cases).map(([name, c]) => ({
    case: name,
    'median ms': c.medianMs,
    'p90 ms': c.p90Ms,
    answer: c.answers.length === 1 ? c.answers[0]?.slice(0, 60) : `${c.answers.length} different`,
  })),
);
console.log(
  `largest median difference ${timing.maxMedianDiffMs} ms (target < 10 ms), answers ` +
    `${timing.identicalAnswers ? 'identical' : 'DIFFER'}: ${timingPass ? 'PASS' : 'FAIL'}`,
);
console.log(
  JSON.stringify({
    bench: 'flowless',
    cpus: cpus().length,
    node: process.version,
    loadAverage: { start: loadStart, afterThroughput: loadMid, end: loadEnd },
    connections: CONNECTIONS,
    durationS: DURATION_S,
    rounds: ROUNDS,
    rows: figures,
    ratio,
    defaultsRatio,
    throughputPass,
    tokenRatio,
    tokenPass,
    cold: cold && { tokens: COLD_TOKENS, ...cold, pass: coldPass },
    timing: {
      samples: timing.samples,
      medianMs: Object.fromEntries(Object.entries(timing.cases).map(([name, c]) => [name, c.medianMs])),
      maxMedianDiffMs: timing.maxMedianDiffMs,
      identicalAnswers: timing.identicalAnswers,
      pass: timingPass,
    },
  }),
);
child.send({ type: 'exit' });
await new Promise((resolve) => child.once('exit', resolve));
process.exit(0);
