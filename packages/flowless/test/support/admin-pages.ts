/**
 * Requests of the admin-page tests: a signed-in browser's GET and form POST, in process.
 */
import type { AuditRecord } from '../../src/audit/audit-event.js';
import type { AuditFilter } from '../../src/audit/audit-store.js';
import type { Harness } from './flowless-harness.js';

/** The origin the in-process requests are addressed to. */
export const ORIGIN = 'http://flowless.test';

/** GET `path` as the browser holding `session` (none: signed out). */
export function getPage(h: Harness, path: string, session?: string): Promise<Response> {
  return Promise.resolve(
    h.app.request(`${ORIGIN}${path}`, { headers: session ? { Cookie: `session_id=${session}` } : {} }),
  );
}

/** POSTs the form `fields` to `path` as the browser holding `session`, from `origin`. */
export function postForm(
  h: Harness,
  path: string,
  session: string | undefined,
  fields: Record<string, string> = {},
  origin = ORIGIN,
): Promise<Response> {
  return Promise.resolve(
    h.app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: {
        Origin: origin,
        'content-type': 'application/x-www-form-urlencoded',
        ...(session && { Cookie: `session_id=${session}` }),
      },
      body: new URLSearchParams(fields),
    }),
  );
}

/** The audit events matching `filter`, newest first (at most 100). */
export async function auditEvents(h: Harness, filter: AuditFilter): Promise<AuditRecord[]> {
  return (await h.services.audit.query(filter, { limit: 100 })).events;
}
