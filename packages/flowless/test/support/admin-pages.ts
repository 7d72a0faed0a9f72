/**
 * Requests of the admin-page tests: a signed-in browser's GET and form POST, in process (the
 * account pages' browser, called with a session id), and the audit events they recorded.
 */
import type { AuditRecord } from '../../src/audit/audit-event.js';
import type { AuditFilter } from '../../src/audit/audit-store.js';
import { ORIGIN, pageBrowser } from './account-pages.js';
import type { Harness } from './flowless-harness.js';

/** GET `path` as the browser holding `session` (none: signed out). */
export async function getPage(h: Harness, path: string, session?: string): Promise<Response> {
  return pageBrowser(h, session ?? null).get(path);
}

/** POSTs the form `fields` to `path` as the browser holding `session`, from `origin`. */
export async function postForm(
  h: Harness,
  path: string,
  session: string | undefined,
  fields: Record<string, string> = {},
  origin = ORIGIN,
): Promise<Response> {
  return pageBrowser(h, session ?? null).post(path, fields, origin);
}

/** The audit events matching `filter`, newest first (at most 100). */
export async function auditEvents(h: Harness, filter: AuditFilter): Promise<AuditRecord[]> {
  return (await h.services.audit.query(filter, { limit: 100 })).events;
}
