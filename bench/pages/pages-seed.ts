/**
 * @module The PostgreSQL database of `npm run bench:pages`: Flowless's migrations, {@link USERS}
 * people (bulk inserted with one precomputed password hash; varied names, types, some banned),
 * API tokens and sessions of the viewed person, and the audit rows of audit-seed. A marker table
 * records a finished seed, so later runs reuse it (BENCH_RESEED=1 seeds again from empty tables).
 */
import { createDatabase } from 'flowfull/db';
import { mintApiToken } from '../../packages/flowless/src/api-tokens/api-token-format.js';
import { migrateFlowless } from '../../packages/flowless/src/db/migrate.js';
import type { FlowlessDatabase } from '../../packages/flowless/src/db/schema.js';
import { createPasswordHasher } from '../../packages/flowless/src/passwords/password-hasher.js';
import { newId, randomSecret, sha256Hex } from '../../packages/flowless/src/secrets/opaque-secret.js';
import { freshDatabase } from '../../packages/flowless/test/support/flowless-harness.js';
import { testDatabaseUrl } from '../../test/support/databases.js';
import { AUDIT_ROWS, seedAuditEvents, seededRandom } from './audit-seed.js';
import { type BenchDb, rawQuery } from './bench-db.js';

/** People in the `users` table. */
export const USERS = 10_000;
/** The database (TEST_DB_SUFFIX is appended, like the suites' databases). */
export const BENCH_DATABASE = 'bench_pages';
/** Who signs in: the admin of the dashboard and the ordinary person the pages show. */
export const BENCH_ACCOUNTS = {
  admin: 'bench-admin@example.test',
  user: 'bench-user@example.test',
  password: 'correct horse battery staple',
} as const;

// Bump when the seed changes shape, so an older seed is replaced.
const SEED_VERSION = 2;
const BATCH = 1_000;
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Linus'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman'];

/** The seeded database, opened. */
export interface SeededDatabase {
  db: BenchDb;
  url: string;
  /** The viewed (ordinary) person's id (named by about 1 % of the events); the admin's. */
  userId: string;
  adminId: string;
  /** A person named by few events. */
  rareId: string;
  /** One of the viewed person's sessions on another device (a record id, not a secret). */
  sessionId: string;
  /** Null when an earlier seed was reused. */
  seedMs: number | null;
}

async function seedVersion(url: string): Promise<number | null> {
  await rawQuery(
    url,
    'CREATE TABLE IF NOT EXISTS bench_pages_seed (version integer NOT NULL, seeded_at bigint NOT NULL)',
  );
  const rows = await rawQuery<{ version: number | null }>(
    url,
    'SELECT max(version) AS version FROM bench_pages_seed',
  );
  return rows[0]?.version ?? null;
}

const firstName = (i: number): string => FIRST[i % FIRST.length] ?? 'Ada';
const lastName = (i: number): string => LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Lovelace';
const emailOf = (i: number): string => `${firstName(i)}.${lastName(i)}.${i}@example.test`.toLowerCase();
/** A person named by few events (about one in 10,000, as most people are): the worst case of a "by person" filter. */
const RARE_PERSON = emailOf(2);

function personRow(i: number, passwordHash: string, now: number, pick: () => number) {
  const special = i === 0 ? 'admin' : i === 1 ? 'user' : null;
  const first = firstName(i);
  const last = lastName(i);
  const created = Math.round(now - pick() * 365 * 86_400_000);
  return {
    id: newId('usr'),
    email: special ? BENCH_ACCOUNTS[special] : emailOf(i),
    username: special ? `bench_${special}` : `${first}_${i}`.toLowerCase(),
    password_hash: passwordHash,
    name: first,
    last_name: last,
    phone: null,
    picture: null,
    user_type: special === 'admin' ? 'admin' : i % 97 === 0 ? 'admin' : i % 13 === 0 ? 'staff' : 'customer',
    lang: i % 3 === 0 ? 'es' : 'en',
    metadata: null,
    is_verified: special !== null || i % 7 !== 0,
    is_banned: special === null && i % 41 === 0,
    two_factor: false,
    created_at: created,
    updated_at: created,
  };
}

async function seedPeople(db: BenchDb, now: number): Promise<string[]> {
  // One production-cost hash for everyone: the two accounts that sign in need a real one.
  const passwordHash = await createPasswordHasher().hash(BENCH_ACCOUNTS.password);
  const pick = seededRandom(1);
  const ids: string[] = [];
  for (let start = 0; start < USERS; start += BATCH) {
    const rows = Array.from({ length: BATCH }, (_, i) => personRow(start + i, passwordHash, now, pick));
    await db.insertInto('users').values(rows).execute();
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** The viewed person's API tokens and sessions on other devices, as the account and detail pages list them. */
async function seedViewedPerson(db: BenchDb, userId: string, now: number): Promise<void> {
  const tokens = Array.from({ length: 5 }, (_, i) => {
    const { secret, displayPrefix } = mintApiToken();
    return {
      id: newId('tok'),
      user_id: userId,
      token_hash: sha256Hex(secret),
      name: `bench token ${i + 1}`,
      token_prefix: displayPrefix,
      expires_at: i % 2 === 0 ? null : now + (i + 1) * 30 * 86_400_000,
      last_used_at: i === 0 ? null : now - i * 3_600_000,
      created_at: now - (i + 1) * 86_400_000,
    };
  });
  await db.insertInto('tokens').values(tokens).execute();
  const sessions = Array.from({ length: 5 }, (_, i) => ({
    id: newId('ses'),
    user_id: userId,
    session_hash: sha256Hex(randomSecret(32)),
    ip_address: `192.0.2.${i + 10}`,
    user_agent:
      i % 2 === 0 ? 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' : 'Mozilla/5.0 (iPhone) Safari/605.1',
    device_id: null,
    expires_at: now + 30 * 86_400_000,
    absolute_expires_at: now + 90 * 86_400_000,
    last_used_at: now - i * 3_600_000,
    created_at: now - i * 86_400_000,
    two_factor_verified: 0,
  }));
  await db.insertInto('sessions').values(sessions).execute();
}

async function idOf(db: BenchDb, email: string): Promise<string> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (!row) throw new Error(`the seed has no ${email}`);
  return row.id;
}

async function seed(db: BenchDb, url: string): Promise<void> {
  const now = Date.now();
  const all = await seedPeople(db, now);
  const [adminId, viewedId] = [await idOf(db, BENCH_ACCOUNTS.admin), await idOf(db, BENCH_ACCOUNTS.user)];
  await seedViewedPerson(db, viewedId, now);
  await seedAuditEvents(db, { adminId, viewedId, all }, now);
  await rawQuery(url, 'ANALYZE');
  await rawQuery(url, 'INSERT INTO bench_pages_seed (version, seeded_at) VALUES ($1, $2)', [
    SEED_VERSION,
    now,
  ]);
}

/**
 * Opens the bench database, seeding it first when it holds no finished seed of this version (or
 * when BENCH_RESEED=1).
 *
 * @throws When PostgreSQL is not reachable.
 */
export async function openSeededDatabase(poolMax: number): Promise<SeededDatabase> {
  const url = await testDatabaseUrl('postgresql', BENCH_DATABASE);
  const db = await createDatabase<FlowlessDatabase>({
    DATABASE_URL: url,
    DATABASE_POOL_MIN: 0,
    DATABASE_POOL_MAX: poolMax,
  });
  await migrateFlowless(db);
  let seedMs: number | null = null;
  if (process.env.BENCH_RESEED === '1' || (await seedVersion(url)) !== SEED_VERSION) {
    const started = performance.now();
    // Drops every table (the marker too) and migrates again: an empty schema.
    await (await freshDatabase('postgresql', BENCH_DATABASE)).db.destroy();
    await seedVersion(url);
    await seed(db, url);
    seedMs = Math.round(performance.now() - started);
  }
  return {
    db,
    url,
    userId: await idOf(db, BENCH_ACCOUNTS.user),
    adminId: await idOf(db, BENCH_ACCOUNTS.admin),
    rareId: await idOf(db, RARE_PERSON),
    sessionId: await otherSessionOf(db, await idOf(db, BENCH_ACCOUNTS.user)),
    seedMs,
  };
}

async function otherSessionOf(db: BenchDb, userId: string): Promise<string> {
  const row = await db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .where('ip_address', 'like', '192.0.2.%')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error('the seed has no session of the viewed person');
  return row.id;
}

/**
 * Brings the database back to the seed: audit events recorded after it (a settings view records
 * one, each sign-in one) and, with `sessions`, the sessions earlier runs signed in. Run before the
 * sign-ins and after each row, so every row reads the same log whatever ran before it.
 */
export async function trimToSeed(url: string, options: { sessions: boolean }): Promise<void> {
  const at = 'SELECT max(seeded_at) FROM bench_pages_seed';
  await rawQuery(url, `DELETE FROM audit_events WHERE occurred_at > (${at})`);
  if (options.sessions) await rawQuery(url, `DELETE FROM sessions WHERE created_at > (${at})`);
}

/** Rows the seed left, for the report. */
export const SEED_SIZE = { users: USERS, auditRows: AUDIT_ROWS } as const;
