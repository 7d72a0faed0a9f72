/**
 * @module The servers of `npm run bench:flowless`, run in a child process so that the load
 * generator does not share their event loop: a bare Hono route, the same route behind flowfull's
 * server defaults, and the Flowless app (libSQL, no Redis, production Argon2id parameters) with one
 * warm session, one warm personal API token and the accounts of the login timing cases; and, when
 * PostgreSQL is reachable, the cold-token server (10,000 tokens in PostgreSQL). Reports its URLs and request bodies to
 * the parent over IPC, answers `cpu` with the process's CPU time so far (µs), exits on `exit`.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createDatabase } from 'flowfull/db';
import { applyServerDefaults, silentServerLogger } from 'flowfull/server';
import { type Context, Hono } from 'hono';
import { createFlowlessApp } from '../../packages/flowless/src/app.js';
import { loadFlowlessConfig } from '../../packages/flowless/src/config/flowless-config.js';
import { migrateFlowless } from '../../packages/flowless/src/db/migrate.js';
import type { FlowlessDatabase } from '../../packages/flowless/src/db/schema.js';
import { createMemoryMailer } from '../../packages/flowless/src/mail/mailer.js';
import { createPasswordHasher } from '../../packages/flowless/src/passwords/password-hasher.js';
import { startColdTokenServer } from './cold-tokens.js';

/** What the child reports once it listens. */
export interface BenchServers {
  type: 'ready';
  urls: { bare: string; defaults: string; flowless: string };
  bridge: { body: string; tokenBody: string; headers: Record<string, string> };
  /** The cold-token server and its tokens' secrets, or null without PostgreSQL. */
  cold: { url: string; tokens: string[]; sessions: string[] } | null;
  /** Login bodies of the four failure cases of docs/security.md, property 5, a few per case, used in turn. */
  logins: Record<'unknown_email' | 'unknown_username' | 'wrong_password' | 'locked_account', string[]>;
}

const SECRET = 'bench-bridge-secret-0123456789abcdefghij';
const PASSWORD = 'correct horse battery staple';
// The most the configuration allows (100 failed logins an hour per account); each case spreads its
// failures over VARIANTS accounts or identifiers, so none of them locks while it is measured.
const MAX_FAILURES = 100;
const VARIANTS = 4;
const variants = (make: (i: number) => Record<string, string>): string[] =>
  Array.from({ length: VARIANTS }, (_, i) => JSON.stringify(make(i)));

function listen(fetch: (request: Request, env: unknown) => Response | Promise<Response>): Promise<string> {
  return new Promise((resolve) => {
    serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
}

const config = loadFlowlessConfig(
  {
    DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'flowless-bench-')), 'bench.db')}`,
    BRIDGE_VALIDATION_SECRET: SECRET,
    SESSION_COOKIE_SECURE: 'false',
    // The timing cases send hundreds of failed logins from one address: the per-IP limit must not
    // answer them instead of the login route.
    RATE_LIMIT_LOGIN_MAX: '1000000',
    LOGIN_MAX_FAILURES: String(MAX_FAILURES),
    LOGIN_FAILURE_WINDOW_MS: '3600000',
    LOGIN_LOCK_MS: '3600000',
  },
  { dotenv: false },
);
const db = await createDatabase<FlowlessDatabase>(config);
await migrateFlowless(db);
const hasher = createPasswordHasher(); // production parameters: m=19456 KiB, t=2, p=1
const flowless = await createFlowlessApp({ config, db, mailer: createMemoryMailer(), hasher });
const { users, sessions, limits } = flowless.services;

const bridgeUser = await users.insert({
  email: 'bench@example.test',
  passwordHash: null,
  userType: 'customer',
  isVerified: true,
});
const session = await sessions.issue(bridgeUser.id, {
  ipAddress: '127.0.0.1',
  userAgent: 'bench',
  deviceId: null,
});
const apiToken = await flowless.services.apiTokens.create(bridgeUser.id, { name: 'bench', expiresAt: null });
if (!apiToken) throw new Error('no API token');
const cold = await startColdTokenServer(SECRET);
const passwordHash = await hasher.hash(PASSWORD);
for (let i = 0; i < VARIANTS; i++) {
  await users.insert({
    email: `timing-${i}@example.test`,
    passwordHash,
    userType: 'customer',
    isVerified: true,
  });
}
const locked = await users.insert({
  email: 'locked@example.test',
  passwordHash,
  userType: 'customer',
  isVerified: true,
});
for (let i = 0; i < MAX_FAILURES; i++) await limits.account.fail(`user:${locked.id}`);
if ((await limits.account.lockedFor(`user:${locked.id}`)) === 0) throw new Error('the account did not lock');

const route = async (c: Context) => c.json({ success: true, valid: true, echo: (await c.req.text()).length });
const bare = new Hono();
bare.post('/bridge', route);
// The same defaults as the Flowless app, with the same silent request log.
const defaults = applyServerDefaults(new Hono(), { logger: silentServerLogger });
defaults.post('/bridge', route);

const ready: BenchServers = {
  type: 'ready',
  urls: {
    bare: `${await listen(bare.fetch)}/bridge`,
    defaults: `${await listen(defaults.fetch)}/bridge`,
    flowless: await listen(flowless.app.fetch),
  },
  bridge: {
    body: JSON.stringify({ session_id: session.id }),
    tokenBody: JSON.stringify({ session_id: apiToken.secret }),
    headers: { 'content-type': 'application/json', 'x-bridge-secret': SECRET },
  },
  cold: cold && { url: cold.url, tokens: cold.tokens, sessions: cold.sessions },
  logins: {
    unknown_email: variants((i) => ({ email: `nobody-${i}@example.test`, password: PASSWORD })),
    unknown_username: variants((i) => ({ userName: `nobody_${i}`, password: PASSWORD })),
    wrong_password: variants((i) => ({ email: `timing-${i}@example.test`, password: `${PASSWORD}!` })),
    // The right password: a locked account refuses it with the same answer.
    locked_account: variants(() => ({ email: 'locked@example.test', password: PASSWORD })),
  },
};
process.send?.(ready);
process.on('message', (message: { type?: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', us: user + system });
  } else if (message.type === 'exit') {
    void Promise.resolve(cold?.close())
      .then(() => flowless.close())
      .then(() => db.destroy())
      .finally(() => process.exit(0));
  }
});
