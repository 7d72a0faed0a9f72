/**
 * @module The one error body every 4xx and 5xx carries: `{ success: false, error, code,
 * request_id }`, plus optional extra fields.
 */
import type { Context } from 'hono';

/** The error body. */
export interface ErrorEnvelope extends Record<string, unknown> {
  readonly success: false;
  /** Human message, safe to show. */
  readonly error: string;
  /** Stable machine code. */
  readonly code: string;
  /** The request id (`X-Request-ID`), or `null` when none was assigned. */
  readonly request_id: string | null;
}

/** The request id assigned by `requestId()`, or `null`. */
export function requestIdOf(c: Context): string | null {
  const id: unknown = c.get('requestId');
  return typeof id === 'string' ? id : null;
}

/**
 * Builds an envelope; extra fields never override the four standard ones.
 *
 * @example
 * ```ts
 * c.json(envelope(c, 'Item not found', 'ERR_ITEM_NOT_FOUND'), 404);
 * ```
 */
export function envelope(
  c: Context,
  error: string,
  code: string,
  extra: Readonly<Record<string, unknown>> = {},
): ErrorEnvelope {
  return { ...extra, success: false, error, code, request_id: requestIdOf(c) };
}
