/**
 * @module The `audit_events` table (migration 0008) through Kysely, on every dialect: insert, the
 * newest-first keyset query and the batched delete of events past their retention. The query
 * orders by `(occurred_at, id)` and writes its cursor condition as
 * `occurred_at <= t AND (occurred_at < t OR id < i)`, which every dialect turns into an index range.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { fromDbTime } from '../db/values.js';
import type { AuditDetails, AuditRecord } from './audit-event.js';

/** A row to insert (already sanitised and truncated). */
export interface AuditRow {
  occurredAt: number;
  action: string;
  outcome: string;
  actorUserId: string | null;
  subjectUserId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** JSON text, or null for no details. */
  details: string | null;
}

/** Filters of the admin query; all optional, combined with AND. */
export interface AuditFilter {
  action?: string;
  outcome?: string;
  actorUserId?: string;
  subjectUserId?: string;
  /** Events where the user is the actor or the subject. */
  userId?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
}

/** Where a page starts: strictly older than this event. */
export interface AuditCursor {
  occurredAt: number;
  id: number;
}

/** The store behind the {@link AuditLog}. */
export interface AuditStore {
  insert(row: AuditRow): Promise<void>;
  /** At most `limit` events matching `filter`, newest first, older than `before` when given. */
  list(filter: AuditFilter, limit: number, before: AuditCursor | null): Promise<AuditRecord[]>;
  /** Deletes at most `batchSize` events that occurred before `cutoff`; returns how many went. */
  deleteBatchBefore(cutoff: number, batchSize: number): Promise<number>;
}

/** Reads stored details back; anything unreadable reads as no details. */
function parseDetails(text: string | null): AuditDetails {
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as AuditDetails)
      : {};
  } catch {
    return {};
  }
}

/**
 * The admin query as a Kysely builder (what {@link AuditStore.list} runs; tests EXPLAIN it).
 */
export function auditListQuery(
  db: Kysely<FlowlessDatabase>,
  filter: AuditFilter,
  limit: number,
  before: AuditCursor | null,
) {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
  if (filter.actorUserId !== undefined) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.subjectUserId !== undefined) query = query.where('subject_user_id', '=', filter.subjectUserId);
  const { userId } = filter;
  if (userId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('actor_user_id', '=', userId), eb('subject_user_id', '=', userId)]),
    );
  }
  if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
  if (before !== null) {
    query = query
      .where('occurred_at', '<=', before.occurredAt)
      .where((eb) => eb.or([eb('occurred_at', '<', before.occurredAt), eb('id', '<', before.id)]));
  }
  return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit);
}

/**
 * Creates the {@link AuditStore} on `db`.
 */
export function createAuditStore(db: Kysely<FlowlessDatabase>): AuditStore {
  return {
    async insert(row) {
      await db
        .insertInto('audit_events')
        .values({
          occurred_at: row.occurredAt,
          action: row.action,
          outcome: row.outcome,
          actor_user_id: row.actorUserId,
          subject_user_id: row.subjectUserId,
          ip: row.ip,
          user_agent: row.userAgent,
          details: row.details,
        })
        .execute();
    },

    async list(filter, limit, before) {
      const rows = await auditListQuery(db, filter, limit, before).execute();
      return rows.map((row) => ({
        id: Number(row.id),
        occurredAt: fromDbTime(row.occurred_at),
        action: row.action,
        outcome: row.outcome,
        actorUserId: row.actor_user_id,
        subjectUserId: row.subject_user_id,
        ip: row.ip,
        userAgent: row.user_agent,
        details: parseDetails(row.details),
      }));
    },

    // PostgreSQL and SQLite have no DELETE … LIMIT and MySQL no LIMIT in an IN subquery: select, then delete.
    async deleteBatchBefore(cutoff, batchSize) {
      const rows = await db
        .selectFrom('audit_events')
        .select('id')
        .where('occurred_at', '<', cutoff)
        .orderBy('occurred_at')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      const result = await db.deleteFrom('audit_events').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
