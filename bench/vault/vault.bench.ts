/**
 * @module `npm run bench:vault`: get and set of a 4 KiB value through the session vault's Session
 * API on PostgreSQL (in process, `app.request()`: token check, access log, database and crypto;
 * no network hop), beside the cost of the encryption alone (AES-256-GCM seal/open of the value)
 * and a bare database round trip (`select 1`). Targets: p99 ≤ 10 ms get, ≤ 15 ms set.
 *
 * Three ways of writing the access-log rows are measured in the same run, in alternating blocks
 * (so the shared machine's load falls on each alike): one insert awaited per request (the old
 * way), one insert per request in the background, and batches (the default). Pending rows are
 * written between blocks, outside the timings. Prints a table, then one JSON line.
 * `BENCH_DATABASE_URL` picks the database (default: a `vault_bench` database on 127.0.0.1:5432).
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { BridgeValidator } from 'flowfull/bridge';
import { createDatabase, runMigrations } from 'flowfull/db';
import { applyServerDefaults, silentServerLogger } from 'flowfull/server';
import { FlowlessContractServer } from 'flowfull/testing';
import {
  type AccessLogOptions,
  createApplication,
  createSessionVault,
  createWorkspace,
  decryptValue,
  encryptValue,
  generateDataKey,
  generateMasterKey,
  parseMasterKey,
  VAULT_MIGRATION_TABLE,
  type VaultDatabase,
  vaultAuthRoutes,
  vaultMigrations,
  vaultSessionRoutes,
} from 'flowfull/vault';
import { Hono } from 'hono';
import pg from 'pg';
import { quantile } from '../cache/stats.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000);
const ROUNDS = 4;
const WARMUP = 200;
const VALUE = { blob: 'v'.repeat(4096 - 12) };
const VARIANTS = [
  { name: 'awaited insert per request', accessLog: { flushIntervalMs: 0 } },
  { name: 'background insert per request', accessLog: { flushIntervalMs: 60_000, maxBatch: 1 } },
  { name: 'batched (default)', accessLog: {} },
] as const satisfies readonly { name: string; accessLog: AccessLogOptions }[];

async function databaseUrl(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  const found = await client.query("SELECT 1 FROM pg_database WHERE datname = 'vault_bench'");
  if (found.rowCount === 0) await client.query('CREATE DATABASE vault_bench');
  await client.end();
  return 'postgres://postgres@127.0.0.1:5432/vault_bench';
}

async function timed(
  run: () => Promise<unknown> | unknown,
  samples = SAMPLES,
  warmup = WARMUP,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await run();
    out.push(performance.now() - start);
  }
  return out;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;
const row = (name: string, samples: number[]) => ({
  name,
  p50_ms: r3(quantile(samples, 0.5)),
  p99_ms: r3(quantile(samples, 0.99)),
  max_ms: r3(Math.max(...samples)),
});

const db = await createDatabase<VaultDatabase>({ DATABASE_URL: await databaseUrl() });
await runMigrations(db, vaultMigrations, { tableName: VAULT_MIGRATION_TABLE });
const flowless = await FlowlessContractServer.start();
const validator = new BridgeValidator({
  flowlessApiUrl: flowless.url,
  validationSecret: flowless.secret,
  revocationSource: 'off',
});
const masterKeys = [parseMasterKey(generateMasterKey())];
const setup = createSessionVault({ db, masterKeys });
const workspaceId = await createWorkspace(db, setup.keys, { name: 'bench', owner: 'bench', now: Date.now() });
const application = await createApplication(db, {
  workspaceId,
  name: 'bench',
  allowedOrigins: [],
  limits: { maxConcurrentSessions: 100, sessionTtlMs: 3_600_000 },
  now: Date.now(),
});
await setup.close();
const body = JSON.stringify({ value: VALUE });
const expectOk = (res: Response) => {
  if (res.status !== 200) throw new Error(`vault answered ${res.status}`);
  return res.arrayBuffer();
};

/** One variant: its vault and app over the shared database, a signed-in user, and its set/get calls. */
async function variant(accessLog: AccessLogOptions) {
  const vault = createSessionVault({ db, masterKeys, accessLog });
  const app = new Hono();
  applyServerDefaults(app, { logger: silentServerLogger });
  app.route('/api/v1', vaultSessionRoutes(vault));
  app.route('/api/v1', vaultAuthRoutes({ vault, validator }));
  const sessionId = `sess_${randomUUID().replaceAll('-', '')}`;
  flowless.addSession(sessionId, { user_id: `bench-${randomUUID()}`, user_type: 'customer' });
  const signIn = await app.request('/api/v1/auth/callback', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Session-ID': sessionId },
    body: JSON.stringify({ application_id: application.id }),
  });
  const { token } = ((await signIn.json()) as { data: { token: string } }).data;
  const auth = { Authorization: `Bearer ${token}` };
  return {
    vault,
    set: async () =>
      expectOk(
        await app.request('/api/v1/sessions/set/bench', {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body,
        }),
      ),
    get: async () => expectOk(await app.request('/api/v1/sessions/get/bench', { headers: auth })),
    sets: [] as number[],
    gets: [] as number[],
  };
}

const runs = await Promise.all(VARIANTS.map((v) => variant(v.accessLog)));
for (const run of runs) {
  await timed(run.set, 0);
  await timed(run.get, 0);
  await run.vault.accessLog.flush();
}
for (let round = 0; round < ROUNDS; round++) {
  for (const run of runs) {
    run.sets.push(...(await timed(run.set, SAMPLES / ROUNDS, 0)));
    await run.vault.accessLog.flush();
    run.gets.push(...(await timed(run.get, SAMPLES / ROUNDS, 0)));
    await run.vault.accessLog.flush();
  }
}
for (const run of runs) await run.vault.close();
const roundTrip = await timed(() => db.selectNoFrom((eb) => eb.lit(1).as('one')).execute());
const dataKey = generateDataKey();
const place = { workspaceId, applicationId: application.id, userId: 'u', keyName: 'bench', version: 1 };
const plaintext = Buffer.from(JSON.stringify(VALUE));
const ciphertext = encryptValue(dataKey, place, plaintext);
const seal = await timed(() => encryptValue(dataKey, place, plaintext));
const open = await timed(() => decryptValue(dataKey, place, ciphertext));

await validator.close();
await flowless.close();
await db.destroy();

const rows = [
  ...runs.flatMap((run, i) => [
    row(`GET /sessions/get (4 KiB), ${VARIANTS[i]?.name}`, run.gets),
    row(`POST /sessions/set (4 KiB), ${VARIANTS[i]?.name}`, run.sets),
  ]),
  row('database round trip (select 1)', roundTrip),
  row('AES-256-GCM seal 4 KiB', seal),
  row('AES-256-GCM open 4 KiB', open),
];
const byVariant = Object.fromEntries(
  runs.map((run, i) => [
    VARIANTS[i]?.name ?? String(i),
    { get_p99_ms: row('', run.gets).p99_ms, set_p99_ms: row('', run.sets).p99_ms },
  ]),
);
const chosen = runs[runs.length - 1];
const getP99 = row('', chosen?.gets ?? []).p99_ms;
const setP99 = row('', chosen?.sets ?? []).p99_ms;
const [rtRow, sealRow, openRow] = rows.slice(-3) as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
process.stdout.write(
  `session vault on PostgreSQL, ${SAMPLES} calls each (${ROUNDS} alternating blocks) after ${WARMUP} warm-up (targets: get p99 ≤ 10 ms, set p99 ≤ 15 ms)\n`,
);
console.table(rows);
process.stdout.write(
  `${JSON.stringify({
    bench: 'vault',
    samples: SAMPLES,
    get_p99_ms: getP99,
    set_p99_ms: setP99,
    variants: byVariant,
    db_round_trip_p50_ms: rtRow.p50_ms,
    encrypt_p50_ms: sealRow.p50_ms,
    decrypt_p50_ms: openRow.p50_ms,
    get_target_met: getP99 <= 10,
    set_target_met: setP99 <= 15,
    load1: r3(loadavg()[0] ?? 0),
  })}\n`,
);
