/**
 * @module `npm run bench:peers`: our protected route beside a peer's session route, in one run.
 * better-auth is installed from the registry into a throwaway folder under the system's temporary
 * directory (`npm install better-auth` there, at bench time; never a dependency of this project,
 * and its code is run, never copied), then served by its own Node handler with its memory adapter
 * (`better-auth-server.mjs`); `GET /api/auth/get-session` with a signed-in cookie is its
 * protected-route equivalent. Ours: a bare Hono route (the floor) and `GET /api/v1/protected`
 * behind the full server defaults with `requireAuth()` in ADVANCED mode on a warm cache, the
 * request log on. flowfull-node (`flowfull-node-peer.ts`, from `BENCH_FLOWFULL_NODE_REPO`; the row
 * is skipped, with the reason printed, when it is not set): its `GET /api/v1/protected` on a warm
 * cache, validating against the same Flowless-contract server as ours, its request log on. Each
 * server in its own child process; autocannon loads one row at a time in interleaved rounds; server
 * CPU per request = the child's CPU time ÷ the requests it answered. Prints a table, the ratios,
 * then one JSON line. `BENCH_PEERS_DIR` reuses an installed folder.
 */
import { execFileSync, fork } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DEVICE, BENCH_USER_AGENT } from '../http/bench-fingerprint.js';
import { type LoadRun, loadWithCpu, median } from '../http/defaults-rows.js';
import type { DefaultsServers } from '../http/defaults-servers.js';
import { prepareFlowfullNode, startFlowfullNode } from './flowfull-node-peer.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

const reuse = process.env.BENCH_PEERS_DIR;
// flowfull-node connects to its database at start (it reads no table on the protected route).
const FLOWFULL_NODE_DATABASE_URL =
  process.env.BENCH_FLOWFULL_NODE_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const folder = reuse ?? mkdtempSync(join(tmpdir(), 'flowfull-peers-'));
const children: ReturnType<typeof fork>[] = [];

function ready<T>(child: ReturnType<typeof fork>, what: string): Promise<T> {
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

try {
  if (!reuse) {
    writeFileSync(join(folder, 'package.json'), '{ "private": true, "type": "module" }\n');
    execFileSync('npm', ['install', 'better-auth', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: folder,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const peerVersion = (
    JSON.parse(execFileSync('npm', ['ls', 'better-auth', '--json'], { cwd: folder }).toString()) as {
      dependencies?: Record<string, { version?: string }>;
    }
  ).dependencies?.['better-auth']?.version;
  copyFileSync(here('./better-auth-server.mjs'), join(folder, 'better-auth-server.mjs'));
  const peer = fork(join(folder, 'better-auth-server.mjs'), [], { cwd: folder, execArgv: [] });
  const peerReady = await ready<{ url: string; cookie: string }>(peer, 'better-auth server');

  const tsx = { execArgv: ['--conditions=source', '--import', 'tsx'] };
  const flowlessChild = fork(here('../http/http-servers.ts'), ['flowless'], tsx);
  const flowless = await ready<Record<string, string>>(flowlessChild, 'Flowless-contract server');
  const ours = fork(here('../http/defaults-servers.ts'), [], {
    ...tsx,
    env: {
      ...process.env,
      BENCH_FLOWLESS_URL: flowless.url ?? '',
      BENCH_FLOWLESS_SECRET: flowless.secret ?? '',
    },
  });
  const { urls } = await ready<DefaultsServers>(ours, 'defaults servers');

  const ffn = prepareFlowfullNode(process.env.BENCH_FLOWFULL_NODE_REPO, folder);
  if (!ffn.ok) console.log(`flowfull-node row skipped: ${ffn.reason}`);
  const ffnChild = ffn.ok
    ? startFlowfullNode(ffn.dir, {
        flowlessUrl: flowless.url ?? '',
        bridgeSecret: flowless.secret ?? '',
        databaseUrl: FLOWFULL_NODE_DATABASE_URL,
        sessionId: 'bench-flowfull-node',
      })
    : null;
  const ffnReady = ffnChild ? await ready<{ url: string }>(ffnChild, 'flowfull-node server') : null;

  const fingerprint = { 'user-agent': BENCH_USER_AGENT, 'x-device-id': BENCH_DEVICE };
  const rows = [
    {
      key: 'floor',
      name: 'bare Hono, one JSON route (floor)',
      child: ours,
      url: urls.bare ?? '',
      headers: fingerprint,
    },
    {
      key: 'ours',
      name: 'ours: GET /api/v1/protected (defaults + requireAuth, ADVANCED, warm, request log on)',
      child: ours,
      url: urls.protected ?? '',
      headers: { ...fingerprint, 'x-session-id': 'bench-warm' },
    },
    ...(ffnChild && ffnReady && ffn.ok
      ? [
          {
            key: 'flowfullNode',
            name: `flowfull-node ${ffn.revision}: GET /api/v1/protected (requireUser, warm, request log on)`,
            child: ffnChild,
            url: ffnReady.url,
            headers: { ...fingerprint, 'x-session-id': 'bench-flowfull-node' },
          },
        ]
      : []),
    {
      key: 'betterAuth',
      name: `better-auth ${peerVersion ?? ''}: GET /api/auth/get-session (memory adapter, signed in)`,
      child: peer,
      url: peerReady.url,
      headers: { ...fingerprint, cookie: peerReady.cookie },
    },
  ];
  const run = (row: (typeof rows)[number], durationS: number): Promise<LoadRun> =>
    loadWithCpu(row.child, { url: row.url, headers: row.headers, connections: CONNECTIONS, durationS });
  for (const row of rows) await run(row, 2); // JIT, caches
  const runs: LoadRun[][] = rows.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with a different row, so a slow spell does not always fall on one row.
    for (let k = 0; k < rows.length; k++) {
      const i = (round + k) % rows.length;
      runs[i]?.push(await run(rows[i] as (typeof rows)[number], DURATION_S));
    }
  }
  const figures = rows.map((row, i) => {
    const of = runs[i] ?? [];
    return {
      name: row.name,
      rps: Math.round(median(of.map((r) => r.rps))),
      p99ms: median(of.map((r) => r.p99)),
      cpuUsPerRequest: Math.round(median(of.map((r) => r.cpuUs)) * 10) / 10,
      non2xx: of.reduce((sum, r) => sum + r.non2xx, 0),
    };
  });
  const at = (key: string): LoadRun[] => runs[rows.findIndex((row) => row.key === key)] ?? [];
  const perRound = (peerKey: string, pick: (ours: LoadRun, peer: LoadRun) => number): number =>
    Math.round(median(at('ours').map((r, k) => pick(r, at(peerKey)[k] as LoadRun))) * 100) / 100;
  const ratios = (peerKey: string) => ({
    throughput: perRound(peerKey, (o, p) => o.rps / p.rps),
    cpu: perRound(peerKey, (o, p) => p.cpuUs / o.cpuUs),
  });
  const vsBetterAuth = ratios('betterAuth');
  const vsFlowfullNode = ffnChild ? ratios('flowfullNode') : null;
  const protectedVsFloor =
    perRound('betterAuth', (o) => o.cpuUs) / (figures[0]?.cpuUsPerRequest ?? Number.NaN);
  const load = Number((loadavg()[0] ?? 0).toFixed(2));
  console.log(
    `\nbench:peers — ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_S} s, medians; ` +
      `${cpus().length} CPUs, load ${load}; server CPU µs/req = the server process's CPU time ÷ requests answered\n`,
  );
  console.table(
    figures.map((f) => ({
      scenario: f.name,
      'req/s': f.rps,
      'p99 ms': f.p99ms,
      'server CPU µs/req': f.cpuUsPerRequest,
      'non-2xx': f.non2xx,
    })),
  );
  if (vsFlowfullNode) {
    console.log(
      `ours / flowfull-node: ${vsFlowfullNode.throughput}× the throughput (target ≥ 3×), ` +
        `flowfull-node spends ${vsFlowfullNode.cpu}× our CPU per request`,
    );
  }
  console.log(
    `ours / better-auth: ${vsBetterAuth.throughput}× the throughput, better-auth spends ${vsBetterAuth.cpu}× our CPU per request; ` +
      `our protected route ${Math.round(protectedVsFloor * 100) / 100}× the floor's CPU per request`,
  );
  console.log(
    JSON.stringify({
      bench: 'peers',
      peer: `better-auth@${peerVersion ?? 'unknown'}`,
      flowfullNode: ffn.ok ? ffn.revision : null,
      connections: CONNECTIONS,
      durationS: DURATION_S,
      rounds: ROUNDS,
      cpus: cpus().length,
      loadAverage: load,
      node: process.version,
      rows: figures,
      throughputRatio: vsBetterAuth.throughput,
      cpuRatio: vsBetterAuth.cpu,
      flowfullNodeThroughputRatio: vsFlowfullNode?.throughput ?? null,
      flowfullNodeCpuRatio: vsFlowfullNode?.cpu ?? null,
    }),
  );
} finally {
  for (const child of children) child.kill();
  if (!reuse) rmSync(folder, { recursive: true, force: true });
}
