/**
 * @module `/admin/users/new` and its form target `POST /admin/users`: an admin creates an account
 * (the JSON admin create's rules: the password policy, a free email and username, and only a
 * superadmin creates a superadmin). The password is never shown again.
 */
import type { Context } from 'hono';
import { FlowlessError } from '../../../errors.js';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import type { SessionRecord } from '../../../sessions/session-record.js';
import { type FormFields, readForm } from '../../form-body.js';
import { Field, type FieldErrors, FormError } from '../../form-fields.js';
import type { PageOptions } from '../../page-router.js';
import { recordAdminAction, recordAdminDenial } from '../admin-audit.js';
import type { AdminRouter } from '../admin-router.js';
import { userPagePath } from './user-detail-page.js';
import { createUserInput } from './user-form-input.js';

function CreateForm({ values, errors }: { values: FormFields; errors?: FieldErrors | undefined }) {
  return (
    <form method="post" action="/admin/users" class="card" id="create-user" novalidate>
      <FormError errors={errors} />
      <Field name="email" label="Email" type="email" value={values.email} errors={errors} required />
      <Field
        name="password"
        label="Password"
        type="password"
        autocomplete="new-password"
        errors={errors}
        required
        hint="At least 8 characters; give it to the person by a safe way"
      />
      <Field name="name" label="First name" value={values.name} errors={errors} />
      <Field name="last_name" label="Last name" value={values.last_name} errors={errors} />
      <Field name="user_name" label="Username" value={values.user_name} errors={errors} />
      <Field
        name="user_type"
        label="User type"
        value={values.user_type}
        errors={errors}
        hint="Empty for the default type"
      />
      <div class="field">
        <label>
          <input type="checkbox" name="is_verified" checked={values.is_verified !== 'off'} /> Email verified
        </label>
      </div>
      <button type="submit">Create user</button>
    </form>
  );
}

function renderCreate(
  admin: AdminRouter,
  c: Context<FlowlessEnv>,
  values: FormFields,
  errors?: FieldErrors,
  status: PageOptions['status'] = 200,
): Response | Promise<Response> {
  return admin.render(
    c,
    { title: 'Create a user', section: 'users', status },
    <>
      <p>
        <a href="/admin/users">All users</a>
      </p>
      <h1>Create a user</h1>
      <CreateForm values={values} errors={errors} />
    </>,
  );
}

/** The field a refusal of the registration service is about, and the page status. */
function refusalOf(error: FlowlessError): { errors: FieldErrors; status: PageOptions['status'] } {
  if (error.code === 'ERR_FLOWLESS_WEAK_PASSWORD')
    return { errors: { password: error.message }, status: 422 };
  if (error.code === 'ERR_FLOWLESS_FORBIDDEN') return { errors: { user_type: error.message }, status: 403 };
  if (error.code === 'ERR_FLOWLESS_CONFLICT') return { errors: { form: error.message }, status: 409 };
  return { errors: { form: error.message }, status: 400 };
}

async function create(admin: AdminRouter, c: Context<FlowlessEnv>, actor: SessionRecord): Promise<Response> {
  const form = await readForm(c);
  // The password is never sent back into the page.
  const values: FormFields = Object.fromEntries(
    Object.entries({ ...form, is_verified: form.is_verified ?? 'off' }).filter(
      ([name]) => name !== 'password',
    ),
  );
  const input = createUserInput(form);
  if (!input.ok) return renderCreate(admin, c, values, input.errors, 422);
  try {
    const user = await admin.services.registration.createByAdmin(input.body, actor.user.userType);
    await recordAdminAction(admin.services, c, actor, 'admin.user_created', {
      subjectUserId: user.id,
      details: { to_type: user.userType },
    });
    return c.redirect(userPagePath(user.id, 'created'), 303);
  } catch (error) {
    if (!(error instanceof FlowlessError)) throw error;
    const refusal = refusalOf(error);
    if (refusal.status === 403) await recordAdminDenial(admin.services, c, actor, 'superadmin_only');
    return renderCreate(admin, c, values, refusal.errors, refusal.status);
  }
}

/**
 * Registers `GET /admin/users/new` and `POST /admin/users`.
 */
export function registerUserCreatePage(admin: AdminRouter): void {
  admin.get('/admin/users/new', (c) => renderCreate(admin, c, {}));
  admin.post('/admin/users', (c, actor) => create(admin, c, actor));
}
