/**
 * @module Reads and writes `sessions`. Only `sha256(session id)` is ever stored. Ending sessions
 * appends the revocation to `revocation_events` in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { appendRevocation } from '../revocations/revocation-log.js';
import { newId } from '../secrets/opaque-secret.js';
import { toUserRecord } from '../users/user-record.js';
import { createSecondFactorWrites } from './second-factor-writes.js';
import { type SessionContext, type SessionRecord, toSessionRecord } from './session-record.js';

/** A session row to insert. */
export interface NewSessionRow extends SessionContext {
  hash: string;
  userId: string;
  now: number;
  expiresAt: number;
  absoluteExpiresAt: number;
  /** Waiting for a second factor (state `pending_2fa`). @default false */
  pending?: boolean;
}

/** What a promoted session becomes. */
export interface Promotion {
  now: number;
  expiresAt: number;
  absoluteExpiresAt: number;
  /** The method that was verified. */
  method: string;
}

/** The session table port. */
export interface SessionStore {
  insert(row: NewSessionRow): Promise<string>;
  /** The session and its user, or null when no row has this hash. */
  findByHash(hash: string): Promise<SessionRecord | null>;
  /** Records activity and moves `expires_at`. */
  touch(hash: string, now: number, expiresAt: number): Promise<void>;
  /**
   * Deletes one session and, in the same transaction, appends its revocation to the outbox;
   * returns its user id, or null when it did not exist (nothing is appended then).
   */
  deleteByHash(hash: string, at: number): Promise<string | null>;
  /**
   * Deletes every session of a user and appends a `user.sessions_revoked` in the same transaction;
   * returns the hashes of the sessions it found.
   */
  deleteByUser(userId: string, at: number): Promise<string[]>;
  /**
   * Appends a `user.sessions_revoked` without deleting (cached copies of the user changed);
   * returns the hashes of the user's sessions.
   */
  announceUser(userId: string, at: number): Promise<string[]>;
  /** The hashes of a user's sessions. */
  hashesOfUser(userId: string): Promise<string[]>;
  /**
   * Turns a pending session that has not expired into an active, second-factor-verified one;
   * a compare-and-set, so of concurrent calls exactly one returns true.
   */
  promote(hash: string, promotion: Promotion): Promise<boolean>;
  /**
   * Counts one second-factor attempt on a pending session, atomically, when fewer than `max`
   * were counted, and returns the attempts left after it; null when the budget is spent (or the
   * session is not pending).
   */
  reserveAttempt(hash: string, max: number): Promise<number | null>;
  /** Marks an active session second-factor verified (a factor was just set up on it). */
  markVerified(hash: string, now: number, method: string): Promise<void>;
}

/**
 * Creates the Kysely-backed {@link SessionStore}.
 */
export function createSessionStore(db: Kysely<FlowlessDatabase>): SessionStore {
  return {
    async insert(row) {
      const id = newId('ses');
      const at = row.now;
      await db
        .insertInto('sessions')
        .values({
          id,
          user_id: row.userId,
          session_hash: row.hash,
          ip_address: row.ipAddress,
          user_agent: row.userAgent,
          device_id: row.deviceId,
          expires_at: row.expiresAt,
          absolute_expires_at: row.absoluteExpiresAt,
          last_used_at: at,
          created_at: at,
          two_factor_verified: 0,
          state: row.pending ? 'pending_2fa' : 'active',
        })
        .execute();
      return id;
    },
    async findByHash(hash) {
      const session = await db
        .selectFrom('sessions')
        .selectAll()
        .where('session_hash', '=', hash)
        .executeTakeFirst();
      if (!session) return null;
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', session.user_id)
        .executeTakeFirst();
      if (!user) return null;
      return toSessionRecord(session, toUserRecord(user));
    },
    async touch(hash, now, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_used_at: now, expires_at: expiresAt })
        .where('session_hash', '=', hash)
        .execute();
    },
    deleteByHash(hash, at) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('sessions')
          .select('user_id')
          .where('session_hash', '=', hash)
          .executeTakeFirst();
        const result = await trx.deleteFrom('sessions').where('session_hash', '=', hash).executeTakeFirst();
        if (!row || Number(result.numDeletedRows) === 0) return null;
        await appendRevocation(trx, { type: 'session.revoked', session_hash: hash }, at);
        return row.user_id;
      });
    },
    deleteByUser(userId, at) {
      return db.transaction().execute(async (trx) => {
        const hashes = await hashesOf(trx, userId);
        await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
        await appendRevocation(trx, { type: 'user.sessions_revoked', user_id: userId }, at);
        return hashes;
      });
    },
    announceUser(userId, at) {
      return db.transaction().execute(async (trx) => {
        await appendRevocation(trx, { type: 'user.sessions_revoked', user_id: userId }, at);
        return hashesOf(trx, userId);
      });
    },
    hashesOfUser(userId) {
      return hashesOf(db, userId);
    },
    ...createSecondFactorWrites(db),
  };
}

async function hashesOf(db: Kysely<FlowlessDatabase>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('sessions').select('session_hash').where('user_id', '=', userId).execute();
  return rows.map((row) => row.session_hash);
}
