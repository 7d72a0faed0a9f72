/**
 * @module The sanitiser of audit details. Details are an allow-list, not a deny-list: a key is
 * kept only when it is one of {@link AUDIT_DETAIL_KEYS}, none of which can name a password, a
 * code, a token or a session id; values are short (strings cut to {@link DETAIL_TEXT_MAX}, lists
 * to {@link DETAIL_LIST_MAX} items), so a caller's mistake cannot smuggle a secret or a large
 * payload into the log.
 */
import type { AuditDetails, AuditDetailValue } from './audit-event.js';

/**
 * The detail keys that may be stored. Each names context that is never secret: a method or
 * provider name, a reason code, changed field names, user types, record ids.
 */
export const AUDIT_DETAIL_KEYS = [
  /** How: `password`, `passkey`, `token_link`, `totp`, `email`, `sms`, `backup_code`, a provider. */
  'method',
  /** The second factor of a sign-in: `totp`, `email`, `sms`, `passkey`, `backup_codes`. */
  'second_factor',
  /** The social provider of a sign-in. */
  'provider',
  /** Why it failed or was denied: a stable code (`invalid_credentials`, `unknown_account`…). */
  'reason',
  /** `all` or `one` (sessions ended). */
  'scope',
  /** Names of the fields an admin changed (names only, never values). */
  'fields',
  'from_type',
  'to_type',
  /** The API token's record id (`tok_…`), not its secret. */
  'token_id',
  /** The API token's display name. */
  'token_name',
  /** The passkey's record id, not its credential. */
  'passkey_id',
  /** The route of a denied request: `METHOD /path`. */
  'route',
  /** How many of something (sessions ended, codes generated). */
  'count',
] as const;

/** One of {@link AUDIT_DETAIL_KEYS}. */
export type AuditDetailKey = (typeof AUDIT_DETAIL_KEYS)[number];

/** Longest string value kept. */
export const DETAIL_TEXT_MAX = 120;
/** Most items of a list value kept. */
export const DETAIL_LIST_MAX = 20;

const ALLOWED: ReadonlySet<string> = new Set(AUDIT_DETAIL_KEYS);

const cut = (text: string): string => (text.length > DETAIL_TEXT_MAX ? text.slice(0, DETAIL_TEXT_MAX) : text);

/** The value cleaned, or `undefined` when it is not a detail value at all. */
function cleanValue(value: unknown): AuditDetailValue | undefined {
  if (typeof value === 'string') return cut(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    return value
      .filter((item): item is string => typeof item === 'string')
      .slice(0, DETAIL_LIST_MAX)
      .map(cut);
  }
  return undefined;
}

/**
 * Keeps the allow-listed keys of `details` with cleaned values; everything else is dropped.
 *
 * @example
 * ```ts
 * sanitizeAuditDetails({ method: 'password', password: 'hunter2' }); // { method: 'password' }
 * ```
 */
export function sanitizeAuditDetails(details: Readonly<Record<string, unknown>> | undefined): AuditDetails {
  const kept: Record<string, AuditDetailValue> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (!ALLOWED.has(key)) continue;
    const clean = cleanValue(value);
    if (clean !== undefined) kept[key] = clean;
  }
  return kept;
}
