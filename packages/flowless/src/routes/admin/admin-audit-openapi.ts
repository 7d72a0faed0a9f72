/**
 * @module OpenAPI description of `GET /auth/admin/audit`.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { auditQuery } from './admin-audit-schemas.js';

/**
 * Describes the audit-log route.
 */
export function describeAdminAuditRoute(openapi: OpenApiRegistry): void {
  openapi.add({
    method: 'get',
    path: '/auth/admin/audit',
    summary: 'The audit log, newest first (filters, keyset pages)',
    tags: ['admin'],
    auth: 'required',
    query: auditQuery,
    responses: {
      200: { description: 'events and next_cursor (null on the last page)' },
      400: { description: 'Invalid audit query or cursor' },
      401: { description: '"Invalid session" or "Session expired"' },
      403: { description: 'Not an admin (recorded as admin.access_denied)' },
      429: { description: 'Too many requests from this IP (Retry-After)' },
    },
  });
}
