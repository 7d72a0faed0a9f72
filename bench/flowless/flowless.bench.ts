/**
 * @module bench:flowless — bridge-validate throughput and latency on a warm session cache,
 * against a bare Hono route in the same run (both served by @hono/node-server on 127.0.0.1).
 * Prints a table, then one JSON line of figures. Target: ≥ 0.5× the bare route, p99 ≤ 5 ms.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { createDatabase } from 'flowfull/db';
import { Hono } from 'hono';
import { createFlowlessApp } from '../../packages/flowless/src/app.js';
import { loadFlowlessConfig } from '../../packages/flowless/src/config/flowless-config.js';
import { migrateFlowless } from '../../packages/flowless/src/db/migrate.js';
import type { FlowlessDatabase } from '../../packages/flowless/src/db/schema.js';
import { createMemoryMailer } from '../../packages/flowless/src/mail/mailer.js';
import { createPasswordHasher } from '../../packages/flowless/src/passwords/password-hasher.js';

const SECRET = 'bench-bridge-secret-0123456789abcdefghij';
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 20;

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ port: info.port, close: () => server.close() }),
    );
  });
}

async function run(name: string, url: string, body: string, headers: Record<string, string>) {
  const result = await autocannon({
    url,
    method: 'POST',
    body,
    headers,
    connections: CONNECTIONS,
    duration: DURATION_S,
  });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const config = loadFlowlessConfig(
  {
    DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'flowless-bench-')), 'bench.db')}`,
    BRIDGE_VALIDATION_SECRET: SECRET,
    SESSION_COOKIE_SECURE: 'false',
  },
  { dotenv: false },
);
const db = await createDatabase<FlowlessDatabase>(config);
await migrateFlowless(db);
const flowless = await createFlowlessApp({
  config,
  db,
  mailer: createMemoryMailer(),
  hasher: createPasswordHasher({ params: { memoryCost: 1024, timeCost: 1 } }),
});
const user = await flowless.services.users.insert({
  email: 'bench@example.test',
  passwordHash: null,
  userType: 'customer',
  isVerified: true,
});
const session = await flowless.services.sessions.issue(user.id, {
  ipAddress: '127.0.0.1',
  userAgent: 'bench',
  deviceId: null,
});

const bare = new Hono();
bare.post('/bridge', async (c) => c.json({ success: true, valid: true, echo: (await c.req.text()).length }));

const flowlessServer = await listen(flowless.app.fetch);
const bareServer = await listen(bare.fetch);
const body = JSON.stringify({ session_id: session.id });
const headers = { 'content-type': 'application/json', 'x-bridge-secret': SECRET };

// Warm the cache and the JIT.
await run('warm-up', `http://127.0.0.1:${flowlessServer.port}/auth/bridge/validate`, body, headers);
const rows = [
  await run('bare Hono route (floor)', `http://127.0.0.1:${bareServer.port}/bridge`, body, headers),
  await run(
    'bridge validate (warm cache)',
    `http://127.0.0.1:${flowlessServer.port}/auth/bridge/validate`,
    body,
    headers,
  ),
];
flowlessServer.close();
bareServer.close();
await flowless.close();
await db.destroy();

const [floor, validate] = rows as [(typeof rows)[0], (typeof rows)[0]];
console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each, 127.0.0.1\n`);
console.table(
  rows.map((r) => ({ run: r.name, 'req/s': r.rps, 'p50 ms': r.p50, 'p99 ms': r.p99, errors: r.errors })),
);
const ratio = Math.round((validate.rps / floor.rps) * 100) / 100;
const pass = ratio >= 0.5 && validate.p99 <= 5 && validate.errors === 0;
console.log(
  `ratio ${ratio}× of bare (target ≥ 0.5×), p99 ${validate.p99} ms (target ≤ 5 ms): ${pass ? 'PASS' : 'FAIL'}`,
);
console.log(
  JSON.stringify({
    bench: 'flowless',
    bare_rps: floor.rps,
    bare_p50_ms: floor.p50,
    bare_p99_ms: floor.p99,
    validate_rps: validate.rps,
    validate_p50_ms: validate.p50,
    validate_p99_ms: validate.p99,
    validate_errors: validate.errors,
    ratio,
    pass,
  }),
);
process.exit(0);
