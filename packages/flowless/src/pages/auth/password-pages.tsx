/**
 * @module `GET|POST /forgot-password` (asks for a reset link: the same answer for every address)
 * and `GET|POST /reset-password` (where the link lands: the token, read from the fragment by
 * inline script, is posted with the new password), through the same steps as
 * `/auth/password-reset`. A refused password is shown next to its field and leaves the link
 * usable; a completed reset signs every session out and sends the browser to sign in.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { countRequest } from '../../http/middleware.js';
import {
  completePasswordReset,
  requestPasswordReset,
} from '../../routes/password-reset/password-reset-flow.js';
import { requestBody } from '../../routes/password-reset/password-reset-schemas.js';
import { readForm } from '../form-body.js';
import { Field, type FieldErrors, FormError, NewPasswordField } from '../form-fields.js';
import type { PageOptions, PageRouter } from '../page-router.js';
import { renderCheckMail } from './check-mail.js';
import { fragmentTokenScript, TokenField } from './fragment-token.js';
import { pageFailure } from './page-failure.js';

interface FormView {
  readonly email?: string | undefined;
  readonly errors?: FieldErrors | undefined;
  readonly status?: PageOptions['status'];
}

function registerForgotPassword(pages: PageRouter): void {
  const { services } = pages;
  const render = (c: Context<FlowlessEnv>, view: FormView) =>
    pages.render(
      c,
      { title: 'Forgot your password', narrow: true, status: view.status ?? 200 },
      <>
        <h1>Forgot your password</h1>
        <form method="post" action="/forgot-password" id="forgot-password-form" class="card" novalidate>
          <FormError errors={view.errors} />
          <p>Enter the address of your account: we will mail you a link to choose a new password.</p>
          <Field
            name="email"
            label="Email"
            type="email"
            autocomplete="email"
            required
            value={view.email}
            errors={view.errors}
          />
          <button type="submit">Email me a reset link</button>
        </form>
        <p>
          <a href="/sign-in">Back to sign in</a>
        </p>
      </>,
    );

  pages.get('/forgot-password', (c) => render(c, {}));
  pages.post('/forgot-password', async (c) => {
    const email = ((await readForm(c)).email ?? '').trim();
    const parsed = requestBody.safeParse({ email });
    if (!parsed.success)
      return render(c, { email, errors: { email: 'Enter a valid email address.' }, status: 400 });
    try {
      await countRequest(services, 'reset', c.get('clientIp'));
    } catch (error) {
      const failure = pageFailure(c, error);
      return render(c, { email, errors: { form: failure.message }, status: failure.status });
    }
    requestPasswordReset(
      services,
      parsed.data.email,
      new URL('/reset-password', services.config.PUBLIC_URL).toString(),
    );
    return renderCheckMail(
      pages,
      c,
      'If the address has an account, we sent it a link to choose a new password.',
    );
  });
}

function registerResetPassword(pages: PageRouter): void {
  const { services } = pages;
  const render = (c: Context<FlowlessEnv>, view: FormView) =>
    pages.render(
      c,
      {
        title: 'Choose a new password',
        narrow: true,
        status: view.status ?? 200,
        inlineScript: fragmentTokenScript('reset'),
      },
      <>
        <h1>Choose a new password</h1>
        <form method="post" action="/reset-password" id="reset-password-form" class="card" novalidate>
          <FormError errors={view.errors} />
          <TokenField />
          <NewPasswordField label="New password" errors={view.errors} />
          <button type="submit">Change password</button>
        </form>
        <p>
          Link expired? <a href="/forgot-password">Ask for a new one</a>
        </p>
      </>,
    );

  pages.get('/reset-password', (c) => render(c, {}));
  pages.post('/reset-password', async (c) => {
    const form = await readForm(c);
    try {
      await countRequest(services, 'reset', c.get('clientIp'));
      await completePasswordReset(c, services, form.token ?? '', form.password ?? '');
    } catch (error) {
      const failure = pageFailure(c, error);
      const field = failure.code === 'ERR_FLOWLESS_WEAK_PASSWORD' ? 'password' : 'form';
      return render(c, { errors: { [field]: failure.message }, status: failure.status });
    }
    return c.redirect('/sign-in?done=reset', 303);
  });
}

/**
 * Registers the forgotten-password and reset pages.
 */
export function registerPasswordPages(pages: PageRouter): void {
  registerForgotPassword(pages);
  registerResetPassword(pages);
}
