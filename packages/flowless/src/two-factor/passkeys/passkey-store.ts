/**
 * @module Reads and writes `passkeys` (WebAuthn credentials) and `passkey_challenges`. A challenge
 * is taken by deleting its row, and a signature counter moves by compare-and-set, so each holds
 * once across instances sharing the database.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../../db/schema.js';
import { fromDbBool, fromDbTime, fromDbTimeOrNull } from '../../db/values.js';
import { newId } from '../../secrets/opaque-secret.js';

/** A stored passkey. */
export interface PasskeyRecord {
  id: string;
  userId: string;
  /** base64url credential id. */
  credentialId: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports: string[];
  /** `multiDevice` for a synced passkey, `singleDevice` for one bound to its authenticator. */
  deviceType: string;
  backedUp: boolean;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** What a challenge is for. */
export type PasskeyPurpose = 'setup' | 'second_factor' | 'login';

const PURPOSES: readonly PasskeyPurpose[] = ['setup', 'second_factor', 'login'];

/** A handed-out challenge, as stored. */
export interface PasskeyChallengeRecord {
  purpose: PasskeyPurpose;
  userId: string | null;
  sessionHash: string | null;
  expiresAt: number;
}

/** The passkey tables port. */
export interface PasskeyStore {
  listOf(userId: string): Promise<PasskeyRecord[]>;
  findByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  /** Stores a new credential; null when its credential id is already registered. */
  insert(
    fields: Omit<PasskeyRecord, 'id' | 'createdAt' | 'lastUsedAt'>,
    now: number,
  ): Promise<PasskeyRecord | null>;
  /**
   * Moves the counter to `counter` when it is higher than the stored one (or both are 0, as for a
   * synced passkey) and records the use; false when the counter did not advance.
   */
  advanceCounter(id: string, counter: number, now: number): Promise<boolean>;
  /** Deletes a passkey of a user; true when it existed. */
  remove(userId: string, id: string): Promise<boolean>;
  putChallenge(challengeHash: string, fields: PasskeyChallengeRecord, now: number): Promise<void>;
  /** Deletes and returns a challenge; null when unknown or already taken (by anyone). */
  takeChallenge(challengeHash: string): Promise<PasskeyChallengeRecord | null>;
}

const parseTransports = (value: string | null): string[] => {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
};

/** {@link PasskeyStore.putChallenge}. */
async function putChallenge(
  db: Kysely<FlowlessDatabase>,
  challengeHash: string,
  fields: PasskeyChallengeRecord,
  now: number,
): Promise<void> {
  await db
    .insertInto('passkey_challenges')
    .values({
      id: newId('pkc'),
      challenge_hash: challengeHash,
      purpose: fields.purpose,
      user_id: fields.userId,
      session_hash: fields.sessionHash,
      expires_at: fields.expiresAt,
      created_at: now,
    })
    .execute();
}

/** {@link PasskeyStore.takeChallenge}. */
async function takeChallenge(
  db: Kysely<FlowlessDatabase>,
  challengeHash: string,
): Promise<PasskeyChallengeRecord | null> {
  const row = await db
    .selectFrom('passkey_challenges')
    .selectAll()
    .where('challenge_hash', '=', challengeHash)
    .executeTakeFirst();
  if (!row) return null;
  const result = await db.deleteFrom('passkey_challenges').where('id', '=', row.id).executeTakeFirst();
  // Of concurrent takers, only the one whose DELETE removed the row may use the challenge.
  if (Number(result.numDeletedRows) !== 1) return null;
  const purpose = PURPOSES.find((p) => p === row.purpose);
  if (!purpose) return null;
  return {
    purpose,
    userId: row.user_id,
    sessionHash: row.session_hash,
    expiresAt: fromDbTime(row.expires_at),
  };
}

/**
 * Creates the Kysely-backed {@link PasskeyStore}.
 */
export function createPasskeyStore(db: Kysely<FlowlessDatabase>): PasskeyStore {
  const select = () => db.selectFrom('passkeys').selectAll();
  type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirst']>>>;
  const toRecord = (row: Row): PasskeyRecord => ({
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: parseTransports(row.transports),
    deviceType: row.device_type,
    backedUp: fromDbBool(row.backed_up),
    name: row.name,
    createdAt: fromDbTime(row.created_at),
    lastUsedAt: fromDbTimeOrNull(row.last_used_at),
  });
  const findByCredentialId = async (credentialId: string) => {
    const row = await select().where('credential_id', '=', credentialId).executeTakeFirst();
    return row ? toRecord(row) : null;
  };
  return {
    findByCredentialId,
    async listOf(userId) {
      const rows = await select().where('user_id', '=', userId).orderBy('created_at').execute();
      return rows.map(toRecord);
    },
    async insert(fields, now) {
      const id = newId('pky');
      try {
        await db
          .insertInto('passkeys')
          .values({
            id,
            user_id: fields.userId,
            credential_id: fields.credentialId,
            public_key: fields.publicKey,
            counter: fields.counter,
            transports: fields.transports.length > 0 ? JSON.stringify(fields.transports) : null,
            device_type: fields.deviceType,
            backed_up: fields.backedUp,
            name: fields.name,
            created_at: now,
            last_used_at: null,
          })
          .execute();
      } catch (error) {
        // The unique credential id: this authenticator is registered already (to anyone).
        if (await findByCredentialId(fields.credentialId)) return null;
        throw error;
      }
      const row = await select().where('id', '=', id).executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async advanceCounter(id, counter, now) {
      const result = await db
        .updateTable('passkeys')
        .set({ counter, last_used_at: now })
        .where('id', '=', id)
        .where('counter', counter === 0 ? '=' : '<', counter)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remove(userId, id) {
      const result = await db
        .deleteFrom('passkeys')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    putChallenge: (challengeHash, fields, now) => putChallenge(db, challengeHash, fields, now),
    takeChallenge: (challengeHash) => takeChallenge(db, challengeHash),
  };
}
