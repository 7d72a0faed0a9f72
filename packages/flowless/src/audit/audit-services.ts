/**
 * @module Wires the audit log and the activity counters for the Flowless services: each recorded
 * sign-in, failed sign-in and sign-up is also counted for the overview charts.
 */
import type { Logger } from 'flowfull/server';
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import type { Clock } from '../runtime/clock.js';
import type { SessionCache } from '../sessions/session-cache.js';
import { type ActivityCounter, type ActivityStats, createActivityStats } from '../stats/activity-stats.js';
import type { AuditAction } from './audit-event.js';
import { type AuditLog, createAuditLog } from './audit-log.js';
import { createAuditStore } from './audit-store.js';

/** What {@link createAuditServices} needs. */
export interface AuditServiceDeps {
  db: Kysely<FlowlessDatabase>;
  clock: Clock;
  logger: Logger;
  /** Its hit rate is charted with the activity. */
  sessionCache: SessionCache;
}

/** The audit services a route can use. */
export interface AuditServices {
  /** The security audit log (`audit_events`). */
  audit: AuditLog;
  /** In-memory activity of this instance over the last 24 hours, for the admin overview. */
  activity: ActivityStats;
}

/** The counter each counted audit action feeds. */
const COUNTED: Partial<Record<AuditAction, ActivityCounter>> = {
  'sign_in.succeeded': 'sign_in',
  'sign_in.failed': 'sign_in_failed',
  sign_up: 'sign_up',
};

/**
 * Creates the {@link AuditServices}.
 */
export function createAuditServices(deps: AuditServiceDeps): AuditServices {
  const { db, clock, logger, sessionCache } = deps;
  const activity = createActivityStats({
    clock,
    cache: () => {
      const metrics = sessionCache.metrics();
      return { hits: metrics.cacheHits, lookups: metrics.totalRequests };
    },
  });
  const audit = createAuditLog({
    store: createAuditStore(db),
    clock,
    logger,
    observe: (event) => {
      const counter = COUNTED[event.action];
      if (counter) activity.count(counter);
    },
  });
  return { audit, activity };
}
