/**
 * @module What an audit event is: the actions Flowless records, their outcomes, the event a caller
 * hands to {@link AuditLog.record} and the record read back by {@link AuditLog.query}.
 */

/** Every action Flowless records, by the name stored in `audit_events.action`. */
export const AUDIT_ACTIONS = [
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_up',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.method_added',
  'two_factor.method_removed',
  'two_factor.backup_codes_regenerated',
  'passkey.added',
  'passkey.removed',
  'api_token.created',
  'api_token.revoked',
  'password.changed',
  'admin.user_created',
  'admin.user_updated',
  'admin.user_deleted',
  'admin.user_banned',
  'admin.user_unbanned',
  'admin.user_type_changed',
  'admin.two_factor_reset',
  'admin.sessions_ended',
  'admin.access_denied',
  'admin.configuration_viewed',
] as const;

/** One of {@link AUDIT_ACTIONS}. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Every outcome an event can have. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

/** `success`, `failure` (wrong credentials, bad input) or `denied` (not allowed to). */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** A detail value: short text, a number, a boolean, or a short list of short texts. */
export type AuditDetailValue = string | number | boolean | readonly string[];

/** Free-form context of an event; only allow-listed keys are kept (see `sanitizeAuditDetails`). */
export type AuditDetails = Readonly<Record<string, AuditDetailValue>>;

/** An event to record. */
export interface AuditEvent {
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  /** Who did it: the signed-in user, or the user signing in. */
  readonly actorUserId?: string | null;
  /** Whom it was done to, when another user (an admin action) or the same user. */
  readonly subjectUserId?: string | null;
  readonly ip?: string | null;
  /** Truncated to {@link USER_AGENT_MAX} characters. */
  readonly userAgent?: string | null;
  readonly details?: AuditDetails;
}

/** Longest user agent kept. */
export const USER_AGENT_MAX = 255;

/** A recorded event, as the query returns it. */
export interface AuditRecord {
  readonly id: number;
  /** Epoch ms. */
  readonly occurredAt: number;
  readonly action: string;
  readonly outcome: string;
  readonly actorUserId: string | null;
  readonly subjectUserId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly details: AuditDetails;
}
