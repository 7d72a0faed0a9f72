/**
 * @module Reading the audit log in HTTP suites: the events recorded since the last read, oldest
 * first, and a check that none of them carries a given secret.
 */
import { expect } from 'vitest';
import type { AuditRecord } from '../../src/audit/audit-event.js';
import type { Harness } from './flowless-harness.js';

/** Every event recorded since the last call (oldest first), then forgets them. */
export async function takeEvents(harness: Harness): Promise<AuditRecord[]> {
  const { events } = await harness.services.audit.query({}, { limit: 100 });
  await harness.handle.db.deleteFrom('audit_events').execute();
  return events.reverse();
}

/** The one event recorded since the last read; fails unless exactly one was. */
export async function takeOneEvent(harness: Harness): Promise<AuditRecord> {
  const events = await takeEvents(harness);
  expect(events.map((event) => event.action)).toHaveLength(1);
  return events[0] as AuditRecord;
}

/** Asserts that no stored event (every column, as text) contains any of `secrets`. */
export async function expectNoSecretStored(harness: Harness, secrets: readonly string[]): Promise<void> {
  const rows = JSON.stringify(await harness.handle.db.selectFrom('audit_events').selectAll().execute());
  for (const secret of secrets) expect(rows).not.toContain(secret);
}
