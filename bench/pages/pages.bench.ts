/**
 * @module `npm run bench:pages`: each hosted page and admin dashboard view of Flowless, rendered
 * on PostgreSQL with 10,000 people and 100,000 audit events (pages-seed), served in a child
 * process; the page routes are found at run time (`pageRoutesOf`), so the bench follows the pages
 * the app has. Each row is loaded by autocannon with a few connections for a fixed time, signed
 * in as the admin under `/admin`, as an ordinary person under `/account`, signed out elsewhere;
 * beside them the floor (`/health`, a hashed asset) and the JSON admin routes of the same data.
 * Target: every page p95 ≤ 50 ms. Then the plans of the audit page's queries (an index, never a
 * sequential scan). Prints tables, then one JSON line.
 *
 * Settings: BENCH_CONNECTIONS (2), BENCH_DURATION_S (2), BENCH_WARMUP (20 requests),
 * BENCH_RESEED=1 (seed again), BENCH_ROWS=<text> (only the rows whose name has it), BENCH_CPU_PROF=1 (the server writes a CPU profile to
 * BENCH_CPU_PROF_DIR, default `.cpu-profiles`).
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { auditPlans } from './audit-plans.js';
import { type LoadFigures, loadRow, warmRow } from './page-load.js';
import { type ProbedTarget, probeTargets, signIn } from './page-probe.js';
import { pageTargets, referenceTargets } from './page-targets.js';
import { openSeededDatabase, SEED_SIZE, trimToSeed } from './pages-seed.js';
import type { PagesServer } from './pages-server.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 2);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const TARGET_P95_MS = 50;

const load1 = (): number => Number((loadavg()[0] ?? 0).toFixed(2));
const loadStart = load1();

const seeded = await openSeededDatabase(2);
const profile = process.env.BENCH_CPU_PROF === '1';
const child = fork(fileURLToPath(new URL('./pages-server.ts', import.meta.url)), [seeded.url], {
  execArgv: [
    '--conditions=source',
    '--import',
    'tsx',
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR ?? '.cpu-profiles'}`] : []),
  ],
});
// The server must not outlive a failed run (it would hold the terminal's output open).
process.on('exit', () => child.kill());
const server = await new Promise<PagesServer>((resolve, reject) => {
  child.once('message', (message) => resolve(message as PagesServer));
  child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});

/** The server process's CPU time so far, in µs. */
function serverCpu(): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { us: number }) => resolve(message.us));
    child.send({ type: 'cpu' });
  });
}

await trimToSeed(seeded.url, { sessions: true });
const cookies = {
  admin: await signIn(server.url, 'admin'),
  user: await signIn(server.url, 'user'),
  none: null,
};
const ids = { userId: seeded.userId, rareId: seeded.rareId, sessionId: seeded.sessionId };
const found = pageTargets(server.routes, ids);
const probed = await probeTargets(
  server.url,
  [...found.targets, ...referenceTargets(found.assetPath, ids)],
  cookies,
);
const skipped = [...found.skipped, ...probed.skipped];
const only = process.env.BENCH_ROWS;
// Pages first, then the floor and the peers; BENCH_ROWS=<text> keeps the rows whose name has it (profiling).
const ORDER = { page: 0, floor: 1, peer: 2 } as const;
const chosen = probed.targets
  .filter((target) => !only || target.name.includes(only))
  .sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);

type Row = ProbedTarget & LoadFigures;
const rows: Row[] = [];
for (const target of chosen) {
  const url = `${server.url}${target.path}`;
  await warmRow(url, target.headers, WARMUP);
  const figures = await loadRow(url, target.headers, target.status, {
    connections: CONNECTIONS,
    durationS: DURATION_S,
    serverCpu,
  });
  rows.push({ ...target, ...figures });
  await trimToSeed(seeded.url, { sessions: false });
}
const loadEnd = load1();
const plans = await auditPlans(seeded.db, seeded.url, ids);
await seeded.db.destroy();

const verdict = (row: Row): string => {
  if (row.kind !== 'page') return row.kind;
  return row.p95 <= TARGET_P95_MS && row.errors === 0 ? 'PASS' : 'FAIL';
};
const pages = rows.filter((row) => row.kind === 'page');
const pagesPass = pages.length > 0 && pages.every((row) => verdict(row) === 'PASS');
const plansPass = plans.every((plan) => plan.indexUsed && !plan.seqScan);

console.log(
  `\nFlowless pages on PostgreSQL, ${SEED_SIZE.users.toLocaleString('en')} people and ` +
    `${SEED_SIZE.auditRows.toLocaleString('en')} audit events ` +
    `(${seeded.seedMs === null ? 'seed reused' : `seeded in ${(seeded.seedMs / 1000).toFixed(1)} s`}); ` +
    `${CONNECTIONS} connections × ${DURATION_S} s per row after ${WARMUP} warm-up requests; ` +
    `${cpus().length} cores, load average ${loadStart} → ${loadEnd}. Target: every page p95 ≤ ${TARGET_P95_MS} ms.\n`,
);
console.table(
  rows.map((row) => ({
    row: row.name,
    as: row.as,
    status: row.status,
    KB: Math.round(row.bytes / 100) / 10,
    'req/s': row.rps,
    'p50 ms': row.p50,
    'p95 ms': row.p95,
    'p99 ms': row.p99,
    'server CPU ms/req': row.cpuMs,
    errors: row.errors,
    verdict: verdict(row),
  })),
);
for (const skip of skipped) console.log(`skipped ${skip.name}: ${skip.reason}`);
console.log(`\nAudit page queries (auditListQuery, EXPLAIN ANALYZE on PostgreSQL):\n`);
console.table(
  plans.map((plan) => ({
    query: plan.name,
    scans: plan.scans.join(', '),
    'index used': plan.indexUsed ? 'yes' : 'NO',
    'seq scan': plan.seqScan ? 'YES' : 'no',
    'execution ms': plan.executionMs,
  })),
);
console.log(
  `pages: ${pages.length} rows, ${pages.filter((row) => verdict(row) === 'PASS').length} within ` +
    `${TARGET_P95_MS} ms p95: ${pagesPass ? 'PASS' : 'FAIL'}; audit queries use an index: ${plansPass ? 'PASS' : 'FAIL'}`,
);
console.log(
  JSON.stringify({
    bench: 'pages',
    cpus: cpus().length,
    node: process.version,
    loadAverage: { start: loadStart, end: loadEnd },
    seed: { ...SEED_SIZE, reused: seeded.seedMs === null, seedMs: seeded.seedMs },
    connections: CONNECTIONS,
    durationS: DURATION_S,
    targetP95Ms: TARGET_P95_MS,
    // The headers carry the session cookies: never printed.
    rows: rows.map((row) => {
      const { headers: _secret, ...shown } = row;
      return { ...shown, verdict: verdict(row) };
    }),
    skipped,
    pagesPass,
    auditPlans: plans,
    plansPass,
  }),
);
child.send({ type: 'exit' });
await new Promise((resolve) => child.once('exit', resolve));
process.exit(0);
