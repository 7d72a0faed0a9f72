/**
 * @module Reads and writes personal API tokens in `tokens`. Only `sha256(secret)` and a display
 * prefix are stored. Revoking a token appends its revocation (`session.revoked` with the token's
 * hash: Flowfull caches tokens under that same key) to `revocation_events` in the same
 * transaction.
 */
import { databaseTypeOf } from 'flowfull/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { FlowlessDatabase, TokensTable } from '../db/schema.js';
import { fromDbTime, fromDbTimeOrNull } from '../db/values.js';
import { appendRevocation } from '../revocations/revocation-log.js';
import { newId } from '../secrets/opaque-secret.js';
import { toUserRecord } from '../users/user-record.js';
import type { ApiTokenRecord, ApiTokenSummary } from './api-token-record.js';

/** A token row to insert. */
export interface NewApiTokenRow {
  userId: string;
  hash: string;
  name: string;
  displayPrefix: string;
  expiresAt: number | null;
  now: number;
}

/** The API token table port. */
export interface ApiTokenStore {
  /** Inserts a token and returns its row id. */
  insert(row: NewApiTokenRow): Promise<string>;
  /** The user's tokens, newest first. */
  listOfUser(userId: string): Promise<ApiTokenSummary[]>;
  /** How many tokens the user holds (expired ones included until revoked). */
  countOfUser(userId: string): Promise<number>;
  /** The token and its user, or null when no row has this hash. */
  findByHash(hash: string): Promise<ApiTokenRecord | null>;
  /**
   * Deletes the user's token `id` and appends its revocation in the same transaction; returns its
   * hash, or null when the user has no such token.
   */
  deleteOwned(userId: string, id: string, at: number): Promise<string | null>;
  /** The hashes of a user's tokens. */
  hashesOfUser(userId: string): Promise<string[]>;
  /** Records uses, `[token id, time in ms]`, in one statement. */
  touchMany(uses: readonly (readonly [string, number])[]): Promise<void>;
}

function toSummary(row: Selectable<TokensTable>): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name ?? '',
    displayPrefix: row.token_prefix ?? '',
    createdAt: fromDbTime(row.created_at),
    expiresAt: fromDbTimeOrNull(row.expires_at),
    lastUsedAt: fromDbTimeOrNull(row.last_used_at),
  };
}

/** The token whose hash is `hash`, with its user, in one round trip; null when there is none. */
async function findByHash(
  db: Kysely<FlowlessDatabase>,
  hash: string,
): ReturnType<ApiTokenStore['findByHash']> {
  // One round trip: this is the cold path of every bridge validation of a token.
  const row = await db
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .selectAll('users')
    .select([
      'tokens.id as token_id',
      'tokens.name as token_name',
      'tokens.token_prefix as token_prefix',
      'tokens.expires_at as token_expires_at',
      'tokens.last_used_at as token_last_used_at',
      'tokens.created_at as token_created_at',
    ])
    .where('tokens.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return null;
  const {
    token_id,
    token_name,
    token_prefix,
    token_expires_at,
    token_last_used_at,
    token_created_at,
    ...user
  } = row;
  const token = {
    id: token_id,
    user_id: user.id,
    token_hash: hash,
    name: token_name,
    token_prefix,
    expires_at: token_expires_at,
    last_used_at: token_last_used_at,
    created_at: token_created_at,
  };
  return { ...toSummary(token), hash, userId: user.id, user: toUserRecord(user) };
}

/** `last_used_at` of several tokens, each its own time, in one `UPDATE … SET … = CASE id …`. */
async function touchMany(
  db: Kysely<FlowlessDatabase>,
  uses: readonly (readonly [string, number])[],
): Promise<void> {
  if (uses.length === 0) return;
  const cases = sql.join(
    uses.map(([id, at]) => sql`when ${id} then ${at}`),
    sql` `,
  );
  // PostgreSQL types a CASE of bare parameters as text; the cast makes it the column's integer.
  const integer = sql.raw(databaseTypeOf(db) === 'mysql' ? 'signed' : 'bigint');
  await db
    .updateTable('tokens')
    .set({ last_used_at: sql<number>`cast(case ${sql.ref('id')} ${cases} end as ${integer})` })
    .where(
      'id',
      'in',
      uses.map(([id]) => id),
    )
    .execute();
}

/**
 * Creates the Kysely-backed {@link ApiTokenStore}.
 */
export function createApiTokenStore(db: Kysely<FlowlessDatabase>): ApiTokenStore {
  return {
    async insert(row) {
      const id = newId('tok');
      await db
        .insertInto('tokens')
        .values({
          id,
          user_id: row.userId,
          token_hash: row.hash,
          name: row.name,
          token_prefix: row.displayPrefix,
          expires_at: row.expiresAt,
          last_used_at: null,
          created_at: row.now,
        })
        .execute();
      return id;
    },
    async listOfUser(userId) {
      const rows = await db
        .selectFrom('tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toSummary);
    },
    async countOfUser(userId) {
      const row = await db
        .selectFrom('tokens')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    findByHash: (hash) => findByHash(db, hash),
    deleteOwned(userId, id, at) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('tokens')
          .select('token_hash')
          .where('id', '=', id)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (!row) return null;
        const result = await trx.deleteFrom('tokens').where('id', '=', id).executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return null;
        await appendRevocation(trx, { type: 'session.revoked', session_hash: row.token_hash }, at);
        return row.token_hash;
      });
    },
    async hashesOfUser(userId) {
      const rows = await db.selectFrom('tokens').select('token_hash').where('user_id', '=', userId).execute();
      return rows.map((row) => row.token_hash);
    },
    touchMany: (uses) => touchMany(db, uses),
  };
}
