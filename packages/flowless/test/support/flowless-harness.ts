/**
 * @module Builds a Flowless app on a fresh schema of a real database for the integration suites.
 * The Argon2 cost is lowered here to keep suites quick on two shared cores; the production
 * parameters are asserted by the password-hash security tests, which use the default hasher.
 */

import { createDatabase } from 'flowfull/db';
import type { Logger } from 'flowfull/server';
import type { Redis } from 'ioredis';
import { type Kysely, sql } from 'kysely';
import { type TestDialect, testDatabaseUrl } from '#test-support/databases.js';
import { createFlowlessApp, type FlowlessApp } from '../../src/app.js';
import { loadFlowlessConfig } from '../../src/config/flowless-config.js';
import { migrateFlowless } from '../../src/db/migrate.js';
import type { FlowlessDatabase } from '../../src/db/schema.js';
import { createMemoryMailer } from '../../src/mail/mailer.js';
import { createPasswordHasher, type PasswordHasher } from '../../src/passwords/password-hasher.js';
import type { Clock } from '../../src/runtime/clock.js';
import type { RevocationPublisher } from '../../src/sessions/revocation-publisher.js';
import type { SmsSender } from '../../src/sms/sms-sender.js';

export const BRIDGE_SECRET = 'bridge-secret-for-tests-0123456789abcdef';

/** A low-cost hasher for suites that are not about hashing cost. */
export const fastHasher: PasswordHasher = createPasswordHasher({
  params: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
});

/** An open test database and its URL. */
export interface FlowlessDatabaseHandle {
  readonly db: Kysely<FlowlessDatabase>;
  readonly url: string;
}

/** Opens `name` on `dialect` and recreates the Flowless tables. */
export async function freshDatabase(dialect: TestDialect, name: string): Promise<FlowlessDatabaseHandle> {
  const url = await testDatabaseUrl(dialect, name);
  const handle = {
    url,
    db: await createDatabase<FlowlessDatabase>({
      DATABASE_URL: url,
      DATABASE_POOL_MIN: 0,
      DATABASE_POOL_MAX: 4,
    }),
  };
  await dropEveryTable(handle.db, dialect);
  await migrateFlowless(handle.db);
  return handle;
}

/**
 * Drops every table of the suite's database, whatever created it (a newer migration, another
 * branch's suite that used the same database name), so each suite starts from an empty schema.
 */
async function dropEveryTable(db: Kysely<FlowlessDatabase>, dialect: TestDialect): Promise<void> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.length === 0) return;
  await db.connection().execute(async (connection) => {
    if (dialect === 'mysql') await sql`SET FOREIGN_KEY_CHECKS = 0`.execute(connection);
    if (dialect === 'libsql') await sql`PRAGMA foreign_keys = OFF`.execute(connection);
    for (const { name } of tables) {
      await (dialect === 'postgresql'
        ? sql`DROP TABLE IF EXISTS ${sql.table(name)} CASCADE`
        : sql`DROP TABLE IF EXISTS ${sql.table(name)}`
      ).execute(connection);
    }
    if (dialect === 'mysql') await sql`SET FOREIGN_KEY_CHECKS = 1`.execute(connection);
    if (dialect === 'libsql') await sql`PRAGMA foreign_keys = ON`.execute(connection);
  });
}

/** Options of {@link startFlowless}. */
export interface HarnessOptions {
  env?: Record<string, string>;
  redis?: Redis | null;
  clock?: Clock;
  hasher?: PasswordHasher;
  revocations?: RevocationPublisher;
  keyPrefix?: string;
  logger?: Logger;
  feedHeartbeatMs?: number;
  sms?: SmsSender | null;
}

/** A Flowless app under test with its memory mailer. */
export interface Harness extends FlowlessApp {
  mailer: ReturnType<typeof createMemoryMailer>;
  handle: FlowlessDatabaseHandle;
  /** Closes the app, then its database (what a suite's `afterAll` does). */
  stop(): Promise<void>;
}

/** Starts a Flowless app on an open database. */
export async function startFlowless(
  handle: FlowlessDatabaseHandle,
  options: HarnessOptions = {},
): Promise<Harness> {
  const config = loadFlowlessConfig(
    {
      DATABASE_URL: handle.url,
      BRIDGE_VALIDATION_SECRET: BRIDGE_SECRET,
      FRONTEND_URL: 'https://app.example.test',
      ALLOWED_REDIRECT_URLS: 'https://app.example.test/reset,myapp://reset-password',
      RATE_LIMIT_LOGIN_MAX: '1000',
      RATE_LIMIT_REGISTER_MAX: '1000',
      RATE_LIMIT_RESET_MAX: '1000',
      RATE_LIMIT_DEFAULT_MAX: '1000',
      LOGIN_MAX_FAILURES: '50',
      LOGIN_FAILURE_WINDOW_MS: '3600000',
      LOGIN_LOCK_MS: '3600000',
      ...options.env,
    },
    { dotenv: false },
  );
  const mailer = createMemoryMailer();
  const flowless = await createFlowlessApp({
    config,
    db: handle.db,
    mailer,
    hasher: options.hasher ?? fastHasher,
    redis: options.redis ?? null,
    keyPrefix: options.keyPrefix ?? `flowless_test_${Math.random().toString(36).slice(2)}`,
    ...(options.clock && { clock: options.clock }),
    ...(options.revocations && { revocations: options.revocations }),
    ...(options.logger && { logger: options.logger }),
    ...(options.feedHeartbeatMs && { feedHeartbeatMs: options.feedHeartbeatMs }),
    ...(options.sms && { sms: options.sms }),
  });
  const stop = async (): Promise<void> => {
    await flowless.close();
    await handle.db.destroy();
  };
  return { ...flowless, mailer, handle, stop };
}

/** The text of the last mail of `kind` sent to `to`, or `''` when there is none. */
export function lastMailText(harness: Harness, to: string, kind: string): string {
  return harness.mailer.messages.filter((m) => m.to === to && m.kind === kind).at(-1)?.text ?? '';
}

/** Extracts the token from the `#token=` fragment of the link in the last mail of `kind` sent to `to`. */
export function tokenFromMail(harness: Harness, to: string, kind: string): string {
  const match = lastMailText(harness, to, kind).match(/#token=([A-Za-z0-9_-]+)\s/);
  if (!match?.[1]) throw new Error(`no ${kind} mail with a token for ${to}`);
  return match[1];
}

/** Sends a JSON request to the app; `body` without the envelope's `request_id`. */
export async function call(
  harness: Harness,
  method: string,
  path: string,
  options: { body?: unknown; session?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers; requestId: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.session) headers['x-session-id'] = options.session;
  const response = await harness.app.request(path, {
    method,
    headers,
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  // Error envelopes carry a per-request `request_id`; it is returned apart so bodies compare.
  const { request_id: requestId, ...body } = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, body, headers: response.headers, requestId };
}

/** Creates a verified user directly through the repository, returning its id. */
export async function seedUser(
  harness: Harness,
  fields: { email: string; password: string; username?: string; userType?: string },
): Promise<string> {
  const user = await harness.services.users.insert({
    email: fields.email,
    username: fields.username ?? null,
    passwordHash: await harness.services.hasher.hash(fields.password),
    userType: fields.userType ?? 'customer',
    isVerified: true,
  });
  return user.id;
}

/** Logs in and returns the session id. */
export async function login(harness: Harness, email: string, password: string): Promise<string> {
  const res = await call(harness, 'POST', '/auth/login', { body: { email, password } });
  if (res.status !== 200 || typeof res.body.session_id !== 'string')
    throw new Error(`login failed: ${res.status}`);
  return res.body.session_id;
}

/** The HTTP status of a login with `email` and `password` (200 when it succeeds). */
export async function loginStatus(harness: Harness, email: string, password: string): Promise<number> {
  return (await call(harness, 'POST', '/auth/login', { body: { email, password } })).status;
}

/** Creates a verified user and logs it in, returning its id and session id. */
export async function signedInUser(
  harness: Harness,
  fields: { email: string; password: string; username?: string; userType?: string },
): Promise<{ id: string; session: string }> {
  const id = await seedUser(harness, fields);
  return { id, session: await login(harness, fields.email, fields.password) };
}

/** Counts rows of a table (DB-inspection tests). */
export async function countRows(handle: FlowlessDatabaseHandle, table: string): Promise<number> {
  const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
    handle.db,
  );
  return Number(result.rows[0]?.n ?? 0);
}
