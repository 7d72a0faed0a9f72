/**
 * @module Reads and writes `two_factor`, one row per user and method. Activation and the TOTP
 * step are conditional UPDATEs whose row count decides, so each holds once across instances
 * sharing the database.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { fromDbTime, fromDbTimeOrNull } from '../db/values.js';
import { newId } from '../secrets/opaque-secret.js';

/** The methods Flowless knows. */
export type TwoFactorMethodName = 'totp' | 'email' | 'sms' | 'backup_codes' | 'passkey';

/** A `two_factor` row. */
export interface TwoFactorMethodRecord {
  id: string;
  userId: string;
  method: TwoFactorMethodName;
  status: 'pending_setup' | 'active';
  /** Sealed TOTP secret (totp only). */
  sealedSecret: string | null;
  /** Where codes go (email, sms), shown masked. */
  identifier: string | null;
  lastStep: number;
  createdAt: number;
  lastUsedAt: number | null;
}

/** The `two_factor` table port. */
export interface FactorStore {
  methodsOf(userId: string): Promise<TwoFactorMethodRecord[]>;
  /**
   * Creates or replaces the `pending_setup` row of `method`; null when an active one exists
   * (it must be removed first).
   */
  putPending(
    userId: string,
    method: TwoFactorMethodName,
    fields: { sealedSecret?: string | null; identifier?: string | null },
    now: number,
  ): Promise<TwoFactorMethodRecord | null>;
  /** Creates (or keeps) the active `backup_codes` row of a user. */
  ensureBackupRow(userId: string, now: number): Promise<void>;
  /** pending_setup → active; true for the one caller that changed it. */
  activate(id: string, now: number): Promise<boolean>;
  /** Moves `last_step` to `step` when it was lower; true for the one caller that moved it. */
  acceptStep(id: string, step: number, now: number): Promise<boolean>;
  /** Records a use of a factor. */
  touch(id: string, now: number): Promise<void>;
  /** Deletes a factor, its challenges (and, for backup_codes, the codes); true when it existed. */
  remove(userId: string, id: string): Promise<boolean>;
  /** Deletes every backup code of a user and the backup_codes row. */
  removeBackupCodes(userId: string): Promise<void>;
}

interface MetadataShape {
  identifier?: unknown;
}

const identifierOf = (metadata: string | null): string | null => {
  if (!metadata) return null;
  try {
    const parsed = JSON.parse(metadata) as MetadataShape;
    return typeof parsed.identifier === 'string' ? parsed.identifier : null;
  } catch {
    return null;
  }
};

const toRecord = (row: {
  id: string;
  user_id: string;
  method: string;
  status: string;
  code: string | null;
  metadata: string | null;
  last_step: number | string;
  created_at: number | string;
  last_used_at: number | string | null;
}): TwoFactorMethodRecord => ({
  id: row.id,
  userId: row.user_id,
  method: row.method as TwoFactorMethodName,
  status: row.status === 'active' ? 'active' : 'pending_setup',
  sealedSecret: row.code,
  identifier: identifierOf(row.metadata),
  lastStep: Number(row.last_step),
  createdAt: fromDbTime(row.created_at),
  lastUsedAt: fromDbTimeOrNull(row.last_used_at),
});

const byId = async (db: Kysely<FlowlessDatabase>, id: string) => {
  const row = await db.selectFrom('two_factor').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
};

async function putPending(
  db: Kysely<FlowlessDatabase>,
  userId: string,
  method: TwoFactorMethodName,
  fields: { sealedSecret?: string | null; identifier?: string | null },
  now: number,
): Promise<TwoFactorMethodRecord | null> {
  const metadata = fields.identifier ? JSON.stringify({ identifier: fields.identifier }) : null;
  const existing = await db
    .selectFrom('two_factor')
    .select(['id', 'status'])
    .where('user_id', '=', userId)
    .where('method', '=', method)
    .executeTakeFirst();
  if (existing?.status === 'active') return null;
  if (existing) {
    await db
      .updateTable('two_factor')
      .set({ code: fields.sealedSecret ?? null, metadata, last_step: 0, updated_at: now })
      .where('id', '=', existing.id)
      .where('status', '=', 'pending_setup')
      .execute();
    return byId(db, existing.id);
  }
  const id = newId('tfm');
  await db
    .insertInto('two_factor')
    .values({
      id,
      user_id: userId,
      method,
      code: fields.sealedSecret ?? null,
      status: 'pending_setup',
      metadata,
      token_prefix: null,
      created_at: now,
      updated_at: now,
      last_used_at: null,
      last_step: 0,
    })
    .execute();
  return byId(db, id);
}

async function ensureBackupRow(db: Kysely<FlowlessDatabase>, userId: string, now: number): Promise<void> {
  const existing = await db
    .selectFrom('two_factor')
    .select('id')
    .where('user_id', '=', userId)
    .where('method', '=', 'backup_codes')
    .executeTakeFirst();
  if (existing) return;
  await db
    .insertInto('two_factor')
    .values({
      id: newId('tfm'),
      user_id: userId,
      method: 'backup_codes',
      code: null,
      status: 'active',
      metadata: null,
      token_prefix: null,
      created_at: now,
      updated_at: now,
      last_used_at: null,
      last_step: 0,
    })
    .execute()
    .catch(async (error: unknown) => {
      // Two regenerations at once: the other one created it. Anything else is a fault.
      const row = await db
        .selectFrom('two_factor')
        .select('id')
        .where('user_id', '=', userId)
        .where('method', '=', 'backup_codes')
        .executeTakeFirst();
      if (!row) throw error;
    });
}

/**
 * Creates the Kysely-backed {@link FactorStore}.
 */
export function createFactorStore(db: Kysely<FlowlessDatabase>): FactorStore {
  return {
    async methodsOf(userId) {
      const rows = await db
        .selectFrom('two_factor')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map(toRecord);
    },
    putPending: (userId, method, fields, now) => putPending(db, userId, method, fields, now),
    ensureBackupRow: (userId, now) => ensureBackupRow(db, userId, now),
    async activate(id, now) {
      const result = await db
        .updateTable('two_factor')
        .set({ status: 'active', updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'pending_setup')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async acceptStep(id, step, now) {
      const result = await db
        .updateTable('two_factor')
        .set({ last_step: step, last_used_at: now })
        .where('id', '=', id)
        .where('last_step', '<', step)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async touch(id, now) {
      await db.updateTable('two_factor').set({ last_used_at: now }).where('id', '=', id).execute();
    },
    remove(userId, id) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('two_factor')
          .select('method')
          .where('id', '=', id)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (!row) return false;
        await trx.deleteFrom('two_factor_challenges').where('method_id', '=', id).execute();
        if (row.method === 'backup_codes') {
          await trx.deleteFrom('two_factor_backup_codes').where('user_id', '=', userId).execute();
        }
        const result = await trx.deleteFrom('two_factor').where('id', '=', id).executeTakeFirst();
        return Number(result.numDeletedRows) === 1;
      });
    },
    async removeBackupCodes(userId) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('two_factor_backup_codes').where('user_id', '=', userId).execute();
        await trx
          .deleteFrom('two_factor')
          .where('user_id', '=', userId)
          .where('method', '=', 'backup_codes')
          .execute();
      });
    },
  };
}
