/**
 * @module The password form of the account page: the current password, the new one twice. It
 * goes through the service of `POST /auth/password-change/self`: the policy, the end of every
 * other session, and a new session for this browser.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { changeOwnPassword } from '../../routes/me/password-change-routes.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { readForm } from '../form-body.js';
import { Field, type FieldErrors, FormError, NewPasswordField } from '../form-fields.js';
import { failureOf } from './account-kit.js';
import { refused, type SectionOutcome } from './section-outcome.js';

/**
 * The password form (never filled in).
 */
export function PasswordSection(props: { errors?: FieldErrors }) {
  const { errors } = props;
  return (
    <section class="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p class="muted">Changing it signs you out everywhere else.</p>
      <form id="password-form" method="post" action="/account/password">
        <FormError errors={errors} />
        <Field
          name="current_password"
          label="Current password"
          type="password"
          autocomplete="current-password"
          required
          errors={errors}
        />
        <NewPasswordField name="new_password" label="New password" errors={errors} />
        <Field
          name="confirm_password"
          label="New password again"
          type="password"
          autocomplete="new-password"
          required
          errors={errors}
        />
        <button type="submit">Change password</button>
      </form>
    </section>
  );
}

/**
 * Changes the password from the posted form.
 */
export async function changePassword(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
): Promise<SectionOutcome> {
  const form = await readForm(c);
  const current = form.current_password ?? '';
  const next = form.new_password ?? '';
  const errors: Record<string, string> = {};
  if (current === '') errors.current_password = 'Enter your current password';
  if (next === '') errors.new_password = 'Enter a new password';
  else if (next !== form.confirm_password) errors.confirm_password = 'The two new passwords differ';
  if (Object.keys(errors).length > 0) return refused({ errors, status: 422 });
  try {
    await changeOwnPassword(services, c, current, next);
  } catch (error) {
    return refused(
      failureOf(error, {
        ERR_FLOWLESS_INVALID_CREDENTIALS: { field: 'current_password' },
        ERR_FLOWLESS_WEAK_PASSWORD: { field: 'new_password' },
      }),
    );
  }
  return { ok: true, done: 'password' };
}
