/**
 * @module A separate process that races to consume one trust token. It connects, prints `ready`,
 * waits for `go` on stdin, consumes, and prints `won` or `lost <code>`.
 *
 * Input (environment): TOKENS_RACE = JSON { backend, url, prefix, publicKey, token }.
 */
import { createInterface } from 'node:readline';
import { createDatabase } from 'flowfull/db';
import {
  createDatabaseTokenStateStore,
  createRedisTokenStateStore,
  createTrustTokens,
  TokenError,
  type TokenStateStore,
} from 'flowfull/tokens';
import { Redis } from 'ioredis';
import { sql } from 'kysely';

interface RaceInput {
  backend: 'redis' | 'postgresql' | 'mysql' | 'libsql';
  url: string;
  prefix: string;
  publicKey: string;
  token: string;
}

const input = JSON.parse(process.env.TOKENS_RACE ?? '{}') as RaceInput;
let close: () => Promise<unknown>;
let store: TokenStateStore;
if (input.backend === 'redis') {
  const client = new Redis(input.url);
  await client.ping();
  close = () => client.quit();
  store = createRedisTokenStateStore({ client, prefix: input.prefix });
} else {
  const db = await createDatabase<object>({
    DATABASE_URL: input.url,
    DATABASE_POOL_MIN: 1,
    DATABASE_POOL_MAX: 2,
  });
  close = () => db.destroy();
  // Writers in other processes hold the file lock for a moment: wait for it rather than fail with
  // SQLITE_BUSY (flowfull's libSQL dialect does not set a busy timeout).
  if (input.backend === 'libsql') await sql`PRAGMA busy_timeout = 10000`.execute(db);
  store = createDatabaseTokenStateStore({ db });
}
const tokens = createTrustTokens({ keys: { publicKeys: [input.publicKey] }, store });

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  try {
    await tokens.consume(input.token, { type: 'password_reset' });
    process.stdout.write('won\n');
  } catch (error) {
    process.stdout.write(`lost ${error instanceof TokenError ? error.code : String(error)}\n`);
  }
  break;
}
lines.close();
await close();
