/**
 * @module `GET|POST /sign-up`: self-registration through the same service as
 * `POST /auth/register/public`. A password the policy refuses, a taken username or (with
 * verification off) a registered email is shown next to its field; with `REQUIRE_EMAIL_VERIFICATION`
 * on, every accepted form ends on "check your mail" (new and registered addresses alike), the mail
 * pointing to `/verify-email` when allowed. Without verification the new user is signed in and
 * sent to the allowed `redirect`. When registration needs the bridge secret
 * (`REGISTER_REQUIRES_BRIDGE_SECRET`), a browser cannot register here: the page says so (404).
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { countRequest } from '../../http/middleware.js';
import { registerBody } from '../../routes/auth/auth-schemas.js';
import { registerSelf } from '../../routes/auth/self-registration.js';
import { type FormFields, readForm } from '../form-body.js';
import { Field, type FieldErrors, FormError, NewPasswordField, Notice } from '../form-fields.js';
import type { PageOptions, PageRouter } from '../page-router.js';
import { renderCheckMail } from './check-mail.js';
import { pageFailure } from './page-failure.js';
import { safeRedirect, withRedirect } from './redirect-target.js';

interface SignUpView {
  readonly target: string;
  readonly form?: FormFields;
  readonly errors?: FieldErrors;
  readonly status?: PageOptions['status'];
}

const FIELD_MESSAGES: Readonly<Record<string, string>> = {
  email: 'Enter a valid email address.',
  name: 'Keep the name under 255 characters.',
  password: 'Enter a password.',
};

/** The form as the registration schema reads it, or the field errors it finds. */
function parseSignUp(form: FormFields) {
  const parsed = registerBody.safeParse({
    email: form.email ?? '',
    password: form.password ?? '',
    name: form.name || undefined,
  });
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= FIELD_MESSAGES[field] ?? issue.message;
  }
  return { data: null, errors };
}

/** Which field a refused registration is about. */
function fieldOf(code: string, message: string): string {
  if (code === 'ERR_FLOWLESS_WEAK_PASSWORD') return 'password';
  if (code === 'ERR_FLOWLESS_CONFLICT') return /email/i.test(message) ? 'email' : 'form';
  return 'form';
}

/** Draws the sign-up form with its values and errors. */
function signUpRenderer(pages: PageRouter) {
  return (c: Context<FlowlessEnv>, view: SignUpView) =>
    pages.render(
      c,
      { title: 'Create an account', narrow: true, status: view.status ?? 200 },
      <>
        <h1>Create an account</h1>
        <form method="post" action="/sign-up" id="sign-up-form" class="card" novalidate>
          <FormError errors={view.errors} />
          <input type="hidden" name="redirect" value={view.target} />
          <Field
            name="name"
            label="Name"
            autocomplete="name"
            value={view.form?.name}
            errors={view.errors}
            hint="Optional"
          />
          <Field
            name="email"
            label="Email"
            type="email"
            autocomplete="email"
            required
            value={view.form?.email}
            errors={view.errors}
          />
          <NewPasswordField label="Password" errors={view.errors} />
          <button type="submit">Create account</button>
        </form>
        <p>
          Have an account? <a href={withRedirect('/sign-in', view.target)}>Sign in</a>
        </p>
      </>,
    );
}

/**
 * Registers the sign-up page.
 */
export function registerSignUpPage(pages: PageRouter): void {
  const { services } = pages;
  const { config } = services;
  const render = signUpRenderer(pages);
  const closed = (c: Context<FlowlessEnv>) =>
    pages.render(
      c,
      { title: 'Create an account', narrow: true, status: 404 },
      <>
        <h1>Create an account</h1>
        <Notice kind="info" message="Accounts are not created on this page. Ask the service you came from." />
      </>,
    );

  pages.get('/sign-up', (c) => {
    if (config.REGISTER_REQUIRES_BRIDGE_SECRET) return closed(c);
    return render(c, { target: safeRedirect(c.req.query('redirect'), config) });
  });

  pages.post('/sign-up', async (c) => {
    if (config.REGISTER_REQUIRES_BRIDGE_SECRET) return closed(c);
    const form = await readForm(c);
    const target = safeRedirect(form.redirect, config);
    const { data, errors } = parseSignUp(form);
    if (!data) return render(c, { target, form, errors, status: 400 });
    try {
      await countRequest(services, 'register', c.get('clientIp'));
      const registered = await registerSelf(c, services, {
        email: data.email,
        password: data.password,
        name: data.name,
        verify_url: new URL('/verify-email', config.PUBLIC_URL).toString(),
      });
      if (registered.verify)
        return renderCheckMail(
          pages,
          c,
          'We sent a link to your address. Open it to verify the address, then sign in.',
        );
      return c.redirect(registered.session.pending ? '/sign-in?done=registered' : target, 303);
    } catch (error) {
      const failure = pageFailure(c, error);
      return render(c, {
        target,
        form,
        errors: { [fieldOf(failure.code, failure.message)]: failure.message },
        status: failure.status,
      });
    }
  });
}
