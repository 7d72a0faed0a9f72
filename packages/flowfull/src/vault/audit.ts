/**
 * @module Audit events: what administrators did in a workspace, written in the same transaction as
 * the action they record.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { VaultDatabase } from './vault-tables.js';

/** One audit event to write. */
export interface AuditEvent {
  readonly workspaceId: string;
  /** The Flowless user id (or `cli:<who>`) that acted. */
  readonly actor: string;
  /** What happened, e.g. `application.created`, `value.read`. */
  readonly action: string;
  /** What it happened to (an id, a key name), never a value. */
  readonly target: string | null;
  readonly now: number;
}

/**
 * Writes an audit event (inside `db`'s transaction when `db` is one).
 *
 * @example
 * ```ts
 * await db.transaction().execute(async (trx) => { await writeAudit(trx, event); ... });
 * ```
 */
export async function writeAudit(
  db: Kysely<VaultDatabase> | Transaction<VaultDatabase>,
  event: AuditEvent,
): Promise<void> {
  await db
    .insertInto('vault_audit_events')
    .values({
      id: randomUUID(),
      workspace_id: event.workspaceId,
      actor: event.actor,
      action: event.action,
      target: event.target,
      created_at: event.now,
    })
    .execute();
}
