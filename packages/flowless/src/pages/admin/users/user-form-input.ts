/**
 * @module The admin user forms read into the JSON admin routes' own bodies (the same Zod schemas,
 * so a page accepts exactly what the API does), with a message next to each refused field.
 */
import type { z } from 'zod';
import { updateBody } from '../../../routes/admin/admin-schemas.js';
import { registerBody } from '../../../routes/auth/auth-schemas.js';
import type { FormFields } from '../../form-body.js';
import type { FieldErrors } from '../../form-fields.js';

/** A form read into a body, or the message of each refused field. */
export type FormInput<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

/** The messages people read, by field; Zod's own message stands in for others. */
const MESSAGES: Readonly<Record<string, string>> = {
  email: 'Enter an email address, like name@example.com',
  password: 'Enter a password',
  user_name: 'Use 3 to 64 letters, digits, ".", "_" or "-"',
  user_type: 'Enter a user type of 1 to 64 characters',
  name: 'Use at most 255 characters',
  last_name: 'Use at most 255 characters',
  phone: 'Use at most 50 characters',
  lang: 'Use at most 16 characters',
};

function parsed<S extends z.ZodType>(schema: S, input: Record<string, unknown>): FormInput<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, body: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= MESSAGES[field] ?? issue.message;
  }
  return { ok: false, errors };
}

/** The text fields of `names` that were filled in (an empty optional field is left unset). */
function filled(form: FormFields, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = form[name]?.trim();
    if (value) out[name] = value;
  }
  return out;
}

/** The create-user form as `POST /auth/users` reads its body. */
export function createUserInput(form: FormFields): FormInput<z.output<typeof registerBody>> {
  return parsed(registerBody, {
    ...filled(form, ['email', 'name', 'last_name', 'user_name', 'user_type']),
    password: form.password ?? '',
    is_verified: form.is_verified === 'on',
  });
}

/**
 * The edit form as `PATCH /auth/users/:id` reads its body: the email and the verified mark always;
 * names and phone as sent (empty clears them); a username only when one is given.
 */
export function editUserInput(form: FormFields): FormInput<z.output<typeof updateBody>> {
  return parsed(updateBody, {
    email: form.email?.trim() ?? '',
    name: form.name?.trim() ?? '',
    last_name: form.last_name?.trim() ?? '',
    phone: form.phone?.trim() ?? '',
    lang: form.lang?.trim() ?? '',
    ...filled(form, ['user_name']),
    is_verified: form.is_verified === 'on',
  });
}

/** The change-type form: only `user_type`. */
export function userTypeInput(form: FormFields): FormInput<z.output<typeof updateBody>> {
  return parsed(updateBody.pick({ user_type: true }).required(), { user_type: form.user_type?.trim() ?? '' });
}
