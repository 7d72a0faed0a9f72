/**
 * @module `npm run bench:flowless-cold`: part (1b) of `npm run bench:flowless` alone, for
 * profiling and for repeated runs on a shared machine. The cold-token server (10,000 API tokens and
 * as many sessions in PostgreSQL) runs in a child process; `BENCH_COLD_SAMPLES` tokens and as many
 * sessions (default 3,000, after 300 unmeasured of each), each asked for once, are validated one
 * at a time, in turn. Target: token p99 ≤ 5 ms. Also prints the CPU time per validation of the
 * server process and of its PostgreSQL backends, less swayed by a busy machine than the
 * latencies. Prints a table, then one JSON line. `BENCH_PREPARED_STATEMENTS=true` runs the server
 * with `DATABASE_PREPARED_STATEMENTS=true`; with `BENCH_CPU_PROF=<dir>` the server process writes a
 * V8 CPU profile there.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ColdServerReady } from './cold-server.js';
import { COLD_BRIDGE_SECRET } from './cold-server.js';
import { COLD_TOKENS } from './cold-tokens.js';
import { COLD_WARM_UP, measureColdValidation } from './cold-validation.js';
import { postgresBackendCpuUs } from './postgres-cpu.js';

const COLD_SAMPLES = Number(process.env.BENCH_COLD_SAMPLES ?? 3000);
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const PREPARED = process.env.BENCH_PREPARED_STATEMENTS === 'true';
const load1 = (): number => Number((loadavg()[0] ?? 0).toFixed(2));

const child = fork(fileURLToPath(new URL('./cold-server.ts', import.meta.url)), [], {
  execArgv: [
    '--conditions=source',
    '--import',
    'tsx',
    ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
  ],
});
const ready = await new Promise<ColdServerReady>((resolve, reject) => {
  child.once('message', (message) => resolve(message as ColdServerReady));
  child.once('exit', (code) => reject(new Error(`cold server exited with ${code}`)));
});
if (ready.cold === null) {
  console.log('cold API-token validation: skipped (PostgreSQL not reachable)');
  child.send({ type: 'exit' });
  process.exit(0);
}

/** The server process's CPU time so far, in µs. */
function serverCpu(): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { us: number }) => resolve(message.us));
    child.send({ type: 'cpu' });
  });
}

const { database } = ready.cold;
const loadStart = load1();
const cpuBefore = { server: await serverCpu(), postgres: postgresBackendCpuUs(database) };
const cold = await measureColdValidation(
  `${ready.cold.url}/auth/bridge/validate`,
  { token: ready.cold.tokens, session: ready.cold.sessions },
  { 'content-type': 'application/json', 'x-bridge-secret': COLD_BRIDGE_SECRET },
  COLD_SAMPLES,
);
const requests = 2 * (COLD_WARM_UP + COLD_SAMPLES);
const serverUs = Math.round(((await serverCpu()) - cpuBefore.server) / requests);
const postgresAfter = postgresBackendCpuUs(database);
const postgresUs =
  postgresAfter === null || cpuBefore.postgres === null
    ? null
    : Math.round((postgresAfter - cpuBefore.postgres) / requests);
const loadEnd = load1();
const pass = cold.token.p99 <= 5 && cold.token.errors === 0;

console.log(
  `\n(1b) cold validations, ${COLD_TOKENS} tokens and as many sessions in PostgreSQL, each asked for once, ` +
    `one at a time, in turn, DATABASE_PREPARED_STATEMENTS=${PREPARED}; load average ${loadStart} → ${loadEnd}\n`,
);
console.table(
  (['token', 'session'] as const).map((kind) => ({
    kind,
    samples: cold[kind].samples,
    'p50 ms': cold[kind].p50,
    'p95 ms': cold[kind].p95,
    'p99 ms': cold[kind].p99,
    'max ms': cold[kind].max,
    errors: cold[kind].errors,
  })),
);
console.log(
  `CPU per validation (tokens and sessions together): server ${serverUs} µs, PostgreSQL backends ` +
    `${postgresUs ?? '?'} µs`,
);
console.log(`token p99 ${cold.token.p99} ms (target ≤ 5 ms): ${pass ? 'PASS' : 'FAIL'}`);
console.log(
  JSON.stringify({
    bench: 'flowless-cold',
    cpus: cpus().length,
    node: process.version,
    loadAverage: { start: loadStart, end: loadEnd },
    tokens: COLD_TOKENS,
    preparedStatements: PREPARED,
    ...cold,
    cpuUsPerValidation: { server: serverUs, postgres: postgresUs },
    pass,
  }),
);
child.send({ type: 'exit' });
await new Promise((resolve) => child.once('exit', resolve));
process.exit(0);
