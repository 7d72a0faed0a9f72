/**
 * @module The forms of a user's admin page: edit the profile, change the type, ban or unban, and
 * reset the second factors. Each posts to its own target and works without script.
 */
import type { TwoFactorMethodRecord } from '../../../two-factor/factor-store.js';
import type { UserRecord } from '../../../users/user-record.js';
import type { FormFields } from '../../form-body.js';
import { Field, type FieldErrors, FormError } from '../../form-fields.js';
import { FactorList } from './user-detail-sections.js';

/** Which form a refusal belongs to, its messages and the values to show again. */
export interface FormState {
  form: 'edit' | 'type';
  errors: FieldErrors;
  values: FormFields;
}

const userPath = (user: UserRecord): string => `/admin/users/${encodeURIComponent(user.id)}`;

/**
 * The profile form, filled with the user's values (or those just refused).
 */
export function EditForm({ user, state }: { user: UserRecord; state?: FormState | undefined }) {
  const errors = state?.form === 'edit' ? state.errors : undefined;
  const value = (name: string, current: string | null): string =>
    (state?.form === 'edit' ? state.values[name] : undefined) ?? current ?? '';
  const verified = state?.form === 'edit' ? state.values.is_verified === 'on' : user.isVerified;
  return (
    <form method="post" action={userPath(user)} class="card" id="edit-user" novalidate>
      <h2>Edit profile</h2>
      <FormError errors={errors} />
      <Field
        name="email"
        label="Email"
        type="email"
        value={value('email', user.email)}
        errors={errors}
        required
      />
      <Field name="name" label="First name" value={value('name', user.name)} errors={errors} />
      <Field name="last_name" label="Last name" value={value('last_name', user.lastName)} errors={errors} />
      <Field
        name="user_name"
        label="Username"
        value={value('user_name', user.username)}
        errors={errors}
        hint="Leave empty to keep it as it is"
      />
      <Field name="phone" label="Phone" type="tel" value={value('phone', user.phone)} errors={errors} />
      <Field
        name="lang"
        label="Language"
        value={value('lang', user.lang)}
        errors={errors}
        hint="For example en"
      />
      <div class="field">
        <label>
          <input type="checkbox" name="is_verified" checked={verified} /> Email verified
        </label>
      </div>
      <button type="submit">Save profile</button>
    </form>
  );
}

/**
 * The type form; only a superadmin may grant or remove the superadmin type.
 */
export function TypeForm({ user, state }: { user: UserRecord; state?: FormState | undefined }) {
  const errors = state?.form === 'type' ? state.errors : undefined;
  const current = (state?.form === 'type' ? state.values.user_type : undefined) ?? user.userType;
  return (
    <form method="post" action={`${userPath(user)}/type`} class="card" id="change-type" novalidate>
      <h2>Type</h2>
      <FormError errors={errors} />
      <Field
        name="user_type"
        label="User type"
        value={current}
        errors={errors}
        required
        hint="admin and superadmin open this dashboard; only a superadmin can grant or remove superadmin"
      />
      <button type="submit">Change type</button>
    </form>
  );
}

/**
 * Ban (ends every session at once) or unban.
 */
export function BanForm({ user }: { user: UserRecord }) {
  return (
    <section class="card" aria-labelledby="ban-heading">
      <h2 id="ban-heading">Access</h2>
      {user.isBanned ? (
        <form method="post" action={`${userPath(user)}/unban`} id="unban-user">
          <p>This person is banned and cannot sign in.</p>
          <button type="submit">Unban</button>
        </form>
      ) : (
        <form method="post" action={`${userPath(user)}/ban`} id="ban-user">
          <p>A ban ends every session of this person at once and refuses their sign-ins.</p>
          <button type="submit" class="danger">
            Ban
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * The user's second factors and the reset.
 */
export function TwoFactorSection({
  user,
  factors,
}: {
  user: UserRecord;
  factors: readonly TwoFactorMethodRecord[];
}) {
  return (
    <section class="card" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor authentication</h2>
      <FactorList factors={factors} />
      <form method="post" action={`${userPath(user)}/two-factor/reset`} id="reset-two-factor">
        <p>
          A reset removes every second factor, passkeys and backup codes included, and turns two-factor off.
          The person is told by email.
        </p>
        <button type="submit" class="danger">
          Reset two-factor
        </button>
      </form>
    </section>
  );
}
