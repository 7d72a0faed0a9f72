/**
 * @module Wires the audit log for the Flowless services.
 */
import type { Logger } from 'flowfull/server';
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import type { Clock } from '../runtime/clock.js';
import { type AuditLog, createAuditLog } from './audit-log.js';
import { createAuditStore } from './audit-store.js';

/** What {@link createAuditServices} needs. */
export interface AuditServiceDeps {
  db: Kysely<FlowlessDatabase>;
  clock: Clock;
  logger: Logger;
}

/** The audit services a route can use. */
export interface AuditServices {
  /** The security audit log (`audit_events`). */
  audit: AuditLog;
}

/**
 * Creates the {@link AuditServices}.
 */
export function createAuditServices(deps: AuditServiceDeps): AuditServices {
  const { db, clock, logger } = deps;
  return { audit: createAuditLog({ store: createAuditStore(db), clock, logger }) };
}
