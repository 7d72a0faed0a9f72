/**
 * @module The cold API-token server of `npm run bench:flowless`: a Flowless app on PostgreSQL with
 * 10,000 personal API tokens of 100 users, served on 127.0.0.1, so that each validation of a token
 * not asked for before misses the token cache and reads the `tokens` table; and as many sessions,
 * for the same measurement of cold session validations beside it. Null when PostgreSQL is not
 * reachable. `preparedStatements` sets `DATABASE_PREPARED_STATEMENTS` for the app's pool.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDatabase } from 'flowfull/db';
import { mintApiToken } from '../../packages/flowless/src/api-tokens/api-token-format.js';
import { createFlowlessApp } from '../../packages/flowless/src/app.js';
import { loadFlowlessConfig } from '../../packages/flowless/src/config/flowless-config.js';
import type { FlowlessDatabase } from '../../packages/flowless/src/db/schema.js';
import { createMemoryMailer } from '../../packages/flowless/src/mail/mailer.js';
import { newId, randomSecret, sha256Hex } from '../../packages/flowless/src/secrets/opaque-secret.js';
import type { UserRepository } from '../../packages/flowless/src/users/user-repository.js';
import { fastHasher, freshDatabase } from '../../packages/flowless/test/support/flowless-harness.js';

/** Tokens in the table. */
export const COLD_TOKENS = 10_000;

/** A listening cold-token server. */
export interface ColdTokenServer {
  url: string;
  /** The PostgreSQL database's name. */
  database: string;
  /** Every token's secret, in insertion order. */
  tokens: string[];
  /** As many session ids. */
  sessions: string[];
  close(): Promise<void>;
}

/** The app's pool (flowfull's own Kysely, not the root copy). */
type BenchDatabase = Awaited<ReturnType<typeof createDatabase<FlowlessDatabase>>>;

/** The 100 users owning the tokens and sessions; their ids. */
async function insertUsers(repository: UserRepository): Promise<string[]> {
  const users: string[] = [];
  for (let i = 0; i < 100; i++) {
    const user = await repository.insert({
      email: `cold-${i}@example.test`,
      passwordHash: null,
      userType: 'customer',
      isVerified: true,
    });
    users.push(user.id);
  }
  return users;
}

/** {@link COLD_TOKENS} API tokens spread over the users, in batches of 1000; their secrets. */
async function insertTokens(db: BenchDatabase, users: string[], now: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let batch = 0; batch < COLD_TOKENS / 1000; batch++) {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const { secret, displayPrefix } = mintApiToken();
      tokens.push(secret);
      return {
        id: newId('tok'),
        user_id: users[(batch * 1000 + i) % users.length] ?? '',
        token_hash: sha256Hex(secret),
        name: `bench ${batch}-${i}`,
        token_prefix: displayPrefix,
        expires_at: null,
        last_used_at: null,
        created_at: now,
      };
    });
    await db.insertInto('tokens').values(rows).execute();
  }
  return tokens;
}

/** As many sessions, valid for a day; their ids. */
async function insertSessions(db: BenchDatabase, users: string[], now: number): Promise<string[]> {
  const sessions: string[] = [];
  for (let batch = 0; batch < COLD_TOKENS / 1000; batch++) {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const id = randomSecret(32);
      sessions.push(id);
      return {
        id: newId('ses'),
        user_id: users[(batch * 1000 + i) % users.length] ?? '',
        session_hash: sha256Hex(id),
        ip_address: '127.0.0.1',
        user_agent: 'bench',
        device_id: null,
        expires_at: now + 86_400_000,
        absolute_expires_at: now + 86_400_000,
        last_used_at: now,
        created_at: now,
        two_factor_verified: 0,
      };
    });
    await db.insertInto('sessions').values(rows).execute();
  }
  return sessions;
}

/**
 * Starts the server with {@link COLD_TOKENS} tokens, or returns null without PostgreSQL.
 */
export async function startColdTokenServer(
  bridgeSecret: string,
  options: { preparedStatements?: boolean } = {},
): Promise<ColdTokenServer | null> {
  const handle = await freshDatabase('postgresql', 'flowless_bench_tokens').catch(() => null);
  if (handle === null) return null;
  await handle.db.destroy();
  const config = loadFlowlessConfig(
    {
      DATABASE_URL: handle.url,
      DATABASE_POOL_MIN: '0',
      DATABASE_POOL_MAX: '4',
      DATABASE_PREPARED_STATEMENTS: String(options.preparedStatements ?? false),
      BRIDGE_VALIDATION_SECRET: bridgeSecret,
      SESSION_COOKIE_SECURE: 'false',
    },
    { dotenv: false },
  );
  const db = await createDatabase<FlowlessDatabase>(config);
  const flowless = await createFlowlessApp({
    config,
    db,
    mailer: createMemoryMailer(),
    hasher: fastHasher,
  });
  const now = Date.now();
  const users = await insertUsers(flowless.services.users);
  const tokens = await insertTokens(db, users, now);
  const sessions = await insertSessions(db, users, now);
  const url = await new Promise<string>((resolve) => {
    const server = serve({ fetch: flowless.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    closers.push(() => new Promise<void>((done) => server.close(() => done())));
  });
  return {
    url,
    database: new URL(handle.url).pathname.slice(1),
    tokens,
    sessions,
    async close() {
      for (const close of closers) await close();
      await flowless.close();
      await db.destroy();
    },
  };
}

const closers: (() => Promise<void>)[] = [];
