/**
 * @module The security audit log: event types, the detail sanitiser, the store and the service.
 */
export type { AuditDetailKey } from './audit-details.js';
export { AUDIT_DETAIL_KEYS, sanitizeAuditDetails } from './audit-details.js';
export type {
  AuditAction,
  AuditDetails,
  AuditDetailValue,
  AuditEvent,
  AuditOutcome,
  AuditRecord,
} from './audit-event.js';
export { AUDIT_ACTIONS, AUDIT_OUTCOMES } from './audit-event.js';
export type { AuditLog, AuditLogOptions, AuditPage, AuditPageResult } from './audit-log.js';
export { AUDIT_PAGE_MAX, auditCursorOf, createAuditLog, parseAuditCursor } from './audit-log.js';
export type { AuditCursor, AuditFilter, AuditStore } from './audit-store.js';
export { createAuditStore } from './audit-store.js';
