/**
 * @module The {@link AuditLog} service: `record` sanitises an event (allow-listed details, a cut
 * user agent) and stores it; `query` reads a page of events newest first, with an opaque keyset
 * cursor. Recording never fails the request that records: a store failure is logged (without
 * the event's details) and swallowed, so an audit outage cannot lock users out.
 */
import type { Logger } from 'flowfull/server';
import { FlowlessError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';
import { sanitizeAuditDetails } from './audit-details.js';
import { type AuditEvent, type AuditRecord, USER_AGENT_MAX } from './audit-event.js';
import type { AuditCursor, AuditFilter, AuditStore } from './audit-store.js';

/** Most events one page may hold. */
export const AUDIT_PAGE_MAX = 100;

/** Which page to read. */
export interface AuditPage {
  /** 1 to {@link AUDIT_PAGE_MAX}. */
  limit: number;
  /** The `nextCursor` of the previous page; none for the newest events. */
  cursor?: string | null;
}

/** A page of events, newest first. */
export interface AuditPageResult {
  events: AuditRecord[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** The audit log. */
export interface AuditLog {
  /** Stores one event; never throws. */
  record(event: AuditEvent): Promise<void>;
  /** @throws {FlowlessError} `ERR_FLOWLESS_BAD_REQUEST` (400) for a malformed cursor or limit. */
  query(filter: AuditFilter, page: AuditPage): Promise<AuditPageResult>;
}

/** Options of {@link createAuditLog}. */
export interface AuditLogOptions {
  store: AuditStore;
  clock: Clock;
  logger: Logger;
  /** Told of each event after it is stored (the activity counters). */
  observe?: (event: AuditEvent) => void;
}

const CURSOR = /^(\d{1,15})_(\d{1,18})$/;

const badRequest = (message: string): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_BAD_REQUEST', message, { status: 400 });

/** The cursor that resumes after `record`. */
export function auditCursorOf(record: Pick<AuditRecord, 'occurredAt' | 'id'>): string {
  return `${record.occurredAt}_${record.id}`;
}

/**
 * Reads a cursor made by {@link auditCursorOf}.
 *
 * @throws {FlowlessError} `ERR_FLOWLESS_BAD_REQUEST` when it is not one.
 */
export function parseAuditCursor(cursor: string): AuditCursor {
  const match = CURSOR.exec(cursor);
  if (!match) throw badRequest('Invalid cursor');
  return { occurredAt: Number(match[1]), id: Number(match[2]) };
}

const cutAgent = (agent: string | null | undefined): string | null =>
  agent ? agent.slice(0, USER_AGENT_MAX) : null;

/**
 * Creates the {@link AuditLog}.
 *
 * @example
 * ```ts
 * const audit = createAuditLog({ store: createAuditStore(db), clock, logger });
 * await audit.record({ action: 'sign_in.failed', outcome: 'failure', details: { reason: 'invalid_credentials' } });
 * ```
 */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const { store, clock, logger, observe } = options;
  return {
    async record(event) {
      const details = sanitizeAuditDetails(event.details);
      try {
        await store.insert({
          occurredAt: clock.now(),
          action: event.action,
          outcome: event.outcome,
          actorUserId: event.actorUserId ?? null,
          subjectUserId: event.subjectUserId ?? null,
          ip: event.ip ?? null,
          userAgent: cutAgent(event.userAgent),
          details: Object.keys(details).length > 0 ? JSON.stringify(details) : null,
        });
      } catch (error) {
        logger.warn(
          {
            event: 'audit.write_failed',
            action: event.action,
            err: error instanceof Error ? error.message : String(error),
          },
          'audit event not recorded',
        );
      }
      observe?.(event);
    },

    async query(filter, page) {
      if (!Number.isSafeInteger(page.limit) || page.limit < 1 || page.limit > AUDIT_PAGE_MAX) {
        throw badRequest(`limit must be 1 to ${AUDIT_PAGE_MAX}`);
      }
      const before = page.cursor ? parseAuditCursor(page.cursor) : null;
      const rows = await store.list(filter, page.limit + 1, before);
      const events = rows.slice(0, page.limit);
      const last = events.at(-1);
      return { events, nextCursor: rows.length > page.limit && last ? auditCursorOf(last) : null };
    },
  };
}
