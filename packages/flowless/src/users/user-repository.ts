/**
 * @module Reads and writes `users`. Emails are stored lowercased; usernames as given and matched
 * case-insensitively through a lowercased copy of the input.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { FlowlessDatabase, UsersTable } from '../db/schema.js';
import { newId } from '../secrets/opaque-secret.js';
import { toUserRecord, type UserRecord } from './user-record.js';

/** Fields to create a user with. */
export interface NewUser {
  email: string;
  passwordHash: string | null;
  userType: string;
  username?: string | null;
  name?: string | null;
  lastName?: string | null;
  phone?: string | null;
  picture?: string | null;
  lang?: string | null;
  metadata?: Record<string, unknown> | null;
  isVerified?: boolean;
}

/** Fields a profile or admin update may change. */
export interface UserChanges {
  email?: string;
  username?: string | null;
  name?: string | null;
  lastName?: string | null;
  phone?: string | null;
  picture?: string | null;
  lang?: string | null;
  metadata?: Record<string, unknown> | null;
  userType?: string;
  isVerified?: boolean;
  isBanned?: boolean;
  twoFactor?: boolean;
  passwordHash?: string;
}

/** A page of users. */
export interface UserPage {
  users: UserRecord[];
  total: number;
}

/** Query of {@link UserRepository.list}. */
export interface UserListQuery {
  page: number;
  limit: number;
  q?: string | undefined;
  userType?: string | undefined;
  /** Only banned users (true) or only users not banned (false). */
  banned?: boolean | undefined;
}

/** Reads and writes users. */
export interface UserRepository {
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  findByUsername(username: string): Promise<UserRecord | null>;
  /** The users among `ids` that exist, in one query (an empty list asks nothing). */
  findByIds(ids: readonly string[]): Promise<UserRecord[]>;
  insert(user: NewUser): Promise<UserRecord>;
  update(id: string, changes: UserChanges): Promise<UserRecord | null>;
  delete(id: string): Promise<boolean>;
  list(query: UserListQuery): Promise<UserPage>;
}

/** The `users` row of a new user, created and updated at `at`. */
function insertRow(user: NewUser, at: number): Insertable<UsersTable> {
  return {
    id: newId('usr'),
    email: user.email.trim().toLowerCase(),
    username: user.username ? user.username.trim().toLowerCase() : null,
    password_hash: user.passwordHash,
    name: user.name ?? null,
    last_name: user.lastName ?? null,
    phone: user.phone ?? null,
    picture: user.picture ?? null,
    user_type: user.userType,
    lang: user.lang ?? null,
    metadata: user.metadata ? JSON.stringify(user.metadata) : null,
    is_verified: user.isVerified ?? false,
    is_banned: false,
    two_factor: false,
    created_at: at,
    updated_at: at,
  };
}

/** The columns `changes` sets (only the fields it has), and `updated_at`. */
function updateSet(changes: UserChanges, at: number): Updateable<UsersTable> {
  const set: Updateable<UsersTable> = { updated_at: at };
  if (changes.email !== undefined) set.email = changes.email.trim().toLowerCase();
  if (changes.username !== undefined)
    set.username = changes.username ? changes.username.trim().toLowerCase() : null;
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.lastName !== undefined) set.last_name = changes.lastName;
  if (changes.phone !== undefined) set.phone = changes.phone;
  if (changes.picture !== undefined) set.picture = changes.picture;
  if (changes.lang !== undefined) set.lang = changes.lang;
  if (changes.metadata !== undefined)
    set.metadata = changes.metadata ? JSON.stringify(changes.metadata) : null;
  if (changes.userType !== undefined) set.user_type = changes.userType;
  if (changes.isVerified !== undefined) set.is_verified = changes.isVerified;
  if (changes.isBanned !== undefined) set.is_banned = changes.isBanned;
  if (changes.twoFactor !== undefined) set.two_factor = changes.twoFactor;
  if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
  return set;
}

/**
 * Creates the Kysely-backed {@link UserRepository}.
 */
export function createUserRepository(db: Kysely<FlowlessDatabase>, now: () => number): UserRepository {
  const findOne = async (column: 'id' | 'email' | 'username', value: string): Promise<UserRecord | null> => {
    const row = await db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
    return row ? toUserRecord(row) : null;
  };
  const byId = (id: string): Promise<UserRecord | null> => findOne('id', id);
  return {
    findById: byId,
    findByEmail: (email) => findOne('email', email.trim().toLowerCase()),
    findByUsername: (username) => findOne('username', username.trim().toLowerCase()),
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return rows.map(toUserRecord);
    },
    async insert(user) {
      const at = now();
      const row = insertRow(user, at);
      await db.insertInto('users').values(row).execute();
      const created = await byId(row.id);
      if (!created) throw new Error('user vanished right after insert');
      return created;
    },
    async update(id, changes) {
      const set = updateSet(changes, now());
      await db.updateTable('users').set(set).where('id', '=', id).execute();
      return byId(id);
    },
    async delete(id) {
      // Dependent rows go first: SQLite enforces ON DELETE CASCADE only with a pragma set.
      return db.transaction().execute(async (trx) => {
        for (const table of [
          'sessions',
          'one_time_tokens',
          'tokens',
          'social_accounts',
          'two_factor',
        ] as const) {
          await trx.deleteFrom(table).where('user_id', '=', id).execute();
        }
        const result = await trx.deleteFrom('users').where('id', '=', id).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },
    async list(query) {
      let base = db.selectFrom('users');
      if (query.q) {
        const like = `%${query.q.toLowerCase().replace(/[%_\\]/g, '')}%`;
        base = base.where((eb) =>
          eb.or([eb('email', 'like', like), eb('username', 'like', like), eb('name', 'like', like)]),
        );
      }
      if (query.userType) base = base.where('user_type', '=', query.userType);
      if (query.banned !== undefined) base = base.where('is_banned', '=', query.banned);
      const counted = await base
        .select((eb) => eb.fn.countAll<number | string>().as('total'))
        .executeTakeFirst();
      const rows = await base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(query.limit)
        .offset((query.page - 1) * query.limit)
        .execute();
      return { users: rows.map(toUserRecord), total: Number(counted?.total ?? 0) };
    },
  };
}
