/**
 * @module The profile form of the account page: the names, the username and the phone number,
 * saved through the service of `PUT /auth/profile` with its own validation. The email address is
 * shown, not changed here: a new address needs its own confirmation.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { profileBody } from '../../routes/me/me-schemas.js';
import { applyProfileChanges } from '../../routes/me/profile-routes.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';
import { type FormFields, readForm } from '../form-body.js';
import { Field, type FieldErrors, FormError } from '../form-fields.js';
import { failureOf, issuesByField } from './account-kit.js';
import { refused, type SectionOutcome } from './section-outcome.js';

const LABELS = { name: 'First name', last_name: 'Last name', user_name: 'Username', phone: 'Phone' };
const profileForm = profileBody.pick({ name: true, last_name: true, user_name: true, phone: true });

/**
 * The profile form, filled with the user's values (or the values just refused).
 */
export function ProfileSection(props: { user: UserRecord; errors?: FieldErrors; values?: FormFields }) {
  const { user, errors } = props;
  const value = (field: keyof typeof LABELS, stored: string | null) => props.values?.[field] ?? stored ?? '';
  return (
    <section class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p>
        Email: <strong>{user.email}</strong>
      </p>
      <form id="profile-form" method="post" action="/account/profile" novalidate>
        <FormError errors={errors} />
        <Field
          name="name"
          label={LABELS.name}
          autocomplete="given-name"
          value={value('name', user.name)}
          maxlength={255}
          errors={errors}
        />
        <Field
          name="last_name"
          label={LABELS.last_name}
          autocomplete="family-name"
          value={value('last_name', user.lastName)}
          maxlength={255}
          errors={errors}
        />
        <Field
          name="user_name"
          label={LABELS.user_name}
          autocomplete="username"
          hint="3 to 64 letters, digits, dots, dashes or underscores"
          value={value('user_name', user.username)}
          maxlength={64}
          errors={errors}
        />
        <Field
          name="phone"
          label={LABELS.phone}
          type="tel"
          autocomplete="tel"
          value={value('phone', user.phone)}
          maxlength={50}
          errors={errors}
        />
        <button type="submit">Save profile</button>
      </form>
    </section>
  );
}

/**
 * Saves the posted profile form. An empty username leaves the username as it is.
 */
export async function saveProfile(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
): Promise<SectionOutcome> {
  const form = await readForm(c);
  const input = {
    name: form.name?.trim(),
    last_name: form.last_name?.trim(),
    user_name: form.user_name?.trim() || undefined,
    phone: form.phone?.trim(),
  };
  const parsed = profileForm.safeParse(input);
  if (!parsed.success) return refused({ errors: issuesByField(parsed.error, LABELS), status: 422 }, form);
  try {
    await applyProfileChanges(services, c.get('session').user, parsed.data);
  } catch (error) {
    const placement = { ERR_FLOWLESS_CONFLICT: { field: 'user_name', message: 'That username is taken' } };
    return refused(failureOf(error, placement), form);
  }
  return { ok: true, done: 'profile' };
}
