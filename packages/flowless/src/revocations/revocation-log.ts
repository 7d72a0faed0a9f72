/**
 * @module The `revocation_events` table: the transactional outbox of revocations. A revocation is
 * appended in the same transaction that ends the sessions, so the feed can never announce one that
 * was rolled back, nor miss one that was committed.
 */
import type { RevocationMessage } from 'flowfull/bridge';
import type { Kysely, Selectable } from 'kysely';
import type { FlowlessDatabase, RevocationEventsTable } from '../db/schema.js';
import { fromDbTime } from '../db/values.js';

/** One stored revocation: the feed's event. */
export interface RevocationEvent {
  /** Increasing row id: the SSE event id. */
  readonly id: number;
  readonly message: RevocationMessage;
  /** Epoch ms when it was written. */
  readonly createdAt: number;
}

/** The oldest and newest ids the table holds (both null when it is empty). */
export interface RevocationBounds {
  readonly oldest: number | null;
  readonly newest: number | null;
}

/** Reads and trims the outbox. Appending happens inside the revoking transaction ({@link appendRevocation}). */
export interface RevocationLog {
  /** Events with an id above `afterId`, in id order, at most `limit`. */
  after(afterId: number, limit: number): Promise<RevocationEvent[]>;
  /** Events written at or after `at` (epoch ms), in id order, at most `limit`. */
  since(at: number, limit: number): Promise<RevocationEvent[]>;
  /** The events among `ids` that exist now (late commits the tail is waiting for). */
  byIds(ids: readonly number[]): Promise<RevocationEvent[]>;
  bounds(): Promise<RevocationBounds>;
  /**
   * Deletes at most `batch` events written before `before`, always keeping the newest row (the feed
   * needs it to tell a cursor that fell behind from one that is merely quiet). Returns the count.
   */
  purge(before: number, batch: number): Promise<number>;
}

/**
 * Appends a revocation; call it with the transaction that ends the sessions.
 */
export async function appendRevocation(
  db: Kysely<FlowlessDatabase>,
  message: RevocationMessage,
  at: number,
): Promise<void> {
  await db
    .insertInto('revocation_events')
    .values({
      type: message.type,
      session_hash: message.type === 'session.revoked' ? message.session_hash : null,
      user_id: message.type === 'user.sessions_revoked' ? message.user_id : null,
      created_at: at,
    })
    .execute();
}

/**
 * Creates the Kysely-backed {@link RevocationLog}.
 */
export function createRevocationLog(db: Kysely<FlowlessDatabase>): RevocationLog {
  const events = db.selectFrom('revocation_events').selectAll();
  return {
    async after(afterId, limit) {
      const rows = await events.where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.map(toEvent);
    },
    async since(at, limit) {
      const rows = await events.where('created_at', '>=', at).orderBy('id').limit(limit).execute();
      return rows.map(toEvent);
    },
    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await events
        .where('id', 'in', [...ids])
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    },
    async bounds() {
      const row = await db
        .selectFrom('revocation_events')
        .select((eb) => [eb.fn.min('id').as('oldest'), eb.fn.max('id').as('newest')])
        .executeTakeFirst();
      return { oldest: idOrNull(row?.oldest), newest: idOrNull(row?.newest) };
    },
    async purge(before, batch) {
      const { newest } = await this.bounds();
      if (newest === null) return 0;
      const doomed = await db
        .selectFrom('revocation_events')
        .select('id')
        .where('created_at', '<', before)
        .where('id', '<', newest)
        .orderBy('id')
        .limit(batch)
        .execute();
      if (doomed.length === 0) return 0;
      const result = await db
        .deleteFrom('revocation_events')
        .where(
          'id',
          'in',
          doomed.map((row) => row.id),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function idOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function toEvent(row: Selectable<RevocationEventsTable>): RevocationEvent {
  const message: RevocationMessage =
    row.type === 'session.revoked'
      ? { type: 'session.revoked', session_hash: row.session_hash ?? '' }
      : { type: 'user.sessions_revoked', user_id: row.user_id ?? '' };
  return { id: Number(row.id), message, createdAt: fromDbTime(row.created_at) };
}
