/**
 * @module The audit page's filter form read into the audit log's filter: an action, an outcome,
 * a person (by email or user id, as actor or subject) and a time range (UTC, from inclusive, to
 * exclusive), with a message next to each refused field.
 */
import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../audit/audit-event.js';
import type { AuditFilter } from '../../../audit/audit-store.js';
import type { UserRepository } from '../../../users/user-repository.js';
import type { FieldErrors } from '../../form-fields.js';

/** The filter form's fields as sent (empty when not used). */
export interface AuditFilterForm {
  action: string;
  outcome: string;
  user: string;
  from: string;
  to: string;
}

/** `2025-01-31T14:05`, the value of a `datetime-local` input, read as UTC. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);
const schema = z.object({
  action: z.preprocess(blankAsUnset, z.enum(AUDIT_ACTIONS).optional()),
  outcome: z.preprocess(blankAsUnset, z.enum(AUDIT_OUTCOMES).optional()),
  user: z.preprocess(blankAsUnset, z.string().trim().max(320).optional()),
  from: z.preprocess(blankAsUnset, z.string().regex(LOCAL_TIME).optional()),
  to: z.preprocess(blankAsUnset, z.string().regex(LOCAL_TIME).optional()),
});

const MESSAGES: Readonly<Record<string, string>> = {
  action: 'Choose an action from the list',
  outcome: 'Choose an outcome from the list',
  user: 'Enter an email address or a user id',
  from: 'Enter a date and time, like 2025-01-31T14:05',
  to: 'Enter a date and time, like 2025-01-31T14:05',
};

/** The form as sent, each field a string. */
export function auditFilterForm(query: Readonly<Record<string, string>>): AuditFilterForm {
  return {
    action: query.action ?? '',
    outcome: query.outcome ?? '',
    user: query.user ?? '',
    from: query.from ?? '',
    to: query.to ?? '',
  };
}

const utc = (local: string): number => Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);

/**
 * The audit log's filter for `form`, or the message of each refused field. A person is looked up
 * by email when the value has an `@`, else taken as a user id.
 */
export async function auditFilterOf(
  form: AuditFilterForm,
  users: UserRepository,
): Promise<{ ok: true; filter: AuditFilter } | { ok: false; errors: FieldErrors }> {
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      errors[field] ??= MESSAGES[field] ?? issue.message;
    }
    return { ok: false, errors };
  }
  const { action, outcome, user, from, to } = parsed.data;
  const filter: AuditFilter = {
    ...(action && { action }),
    ...(outcome && { outcome }),
    ...(from && { from: utc(from) }),
    ...(to && { to: utc(to) }),
  };
  for (const field of ['from', 'to'] as const) {
    if (Number.isNaN(filter[field])) return { ok: false, errors: { [field]: MESSAGES[field] } };
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.to <= filter.from) {
    return { ok: false, errors: { to: 'Choose a time after the start of the range' } };
  }
  if (!user) return { ok: true, filter };
  if (!user.includes('@')) return { ok: true, filter: { ...filter, userId: user } };
  const found = await users.findByEmail(user);
  if (!found) return { ok: false, errors: { user: 'No user has this email address' } };
  return { ok: true, filter: { ...filter, userId: found.id } };
}
