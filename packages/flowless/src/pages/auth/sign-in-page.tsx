/**
 * @module `GET|POST /sign-in`: an email or username and a password, through the same sign-in as
 * `POST /auth/login` (same lock, same answers: 400 for a missing field, 401 for any wrong or
 * locked account, 403 for an unverified address, 429 past the rate limit). Success sets the
 * session cookie and sends the browser to its allowed `redirect` (303), or to the second-factor
 * page when the account has one. A refusal for an unverified address offers the form that sends
 * the verification link again.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { countRequest } from '../../http/middleware.js';
import { passwordLogin } from '../../routes/auth/password-login.js';
import { createSocialProviders } from '../../social/social-providers.js';
import { readForm } from '../form-body.js';
import { Field, type FieldErrors, FormError, Notice } from '../form-fields.js';
import type { PageOptions, PageRouter } from '../page-router.js';
import { pageFailure } from './page-failure.js';
import { safeRedirect, withRedirect } from './redirect-target.js';
import { ResendVerificationForm, resendEmailOf } from './resend-verification.js';
import { SignInOptions } from './sign-in-options.js';

/** Fixed notices a step may show on the sign-in page (`?done=`), never text from the URL. */
const DONE: Readonly<Record<string, string>> = {
  reset: 'Your password was changed and every session signed out. Sign in with the new password.',
  verified: 'Your email address is verified. You can sign in now.',
  registered: 'Your account was created. Sign in to continue.',
};

/** What the sign-in page shows. */
export interface SignInView {
  readonly target: string;
  readonly identifier?: string | undefined;
  readonly errors?: FieldErrors | undefined;
  readonly linkErrors?: FieldErrors | undefined;
  readonly linkEmail?: string | undefined;
  readonly done?: string | undefined;
  /** The "send the verification link again" form, shown after a refusal for an unverified address. */
  readonly resend?:
    | { readonly email?: string | undefined; readonly errors?: FieldErrors | undefined }
    | undefined;
  readonly status?: PageOptions['status'];
}

/**
 * Registers the sign-in page; `renderSignIn` draws it for the other sign-in forms too.
 */
export function registerSignInPage(
  pages: PageRouter,
): (c: Context<FlowlessEnv>, view: SignInView) => Response | Promise<Response> {
  const { services } = pages;
  const { config } = services;
  const providers = [...createSocialProviders(config).keys()];

  const renderSignIn = (c: Context<FlowlessEnv>, view: SignInView) =>
    pages.render(
      c,
      { title: 'Sign in', narrow: true, status: view.status ?? 200, scripts: ['webauthn.js', 'passkeys.js'] },
      <>
        <h1>Sign in</h1>
        <Notice kind="success" message={view.done ? DONE[view.done] : undefined} />
        <section class="card">
          <form method="post" action="/sign-in" id="sign-in-form" novalidate>
            <FormError errors={view.errors} />
            <input type="hidden" name="redirect" value={view.target} />
            <Field
              name="identifier"
              label="Email or username"
              autocomplete="username"
              required
              value={view.identifier}
              errors={view.errors}
            />
            <Field
              name="password"
              label="Password"
              type="password"
              autocomplete="current-password"
              required
              errors={view.errors}
            />
            <div class="row">
              <button type="submit">Sign in</button>
              <a href="/forgot-password">Forgot your password?</a>
            </div>
          </form>
        </section>
        {view.resend ? (
          <ResendVerificationForm email={view.resend.email} errors={view.resend.errors} />
        ) : null}
        <SignInOptions
          config={config}
          providers={providers}
          target={view.target}
          linkErrors={view.linkErrors}
          linkEmail={view.linkEmail}
        />
        <p>
          New here? <a href={withRedirect('/sign-up', view.target)}>Create an account</a>
        </p>
      </>,
    );

  pages.get('/sign-in', (c) => {
    const target = safeRedirect(c.req.query('redirect'), config);
    if (c.get('viewer')) return c.redirect(target, 303);
    return renderSignIn(c, { target, done: c.req.query('done') });
  });

  pages.post('/sign-in', async (c) => {
    const form = await readForm(c);
    const target = safeRedirect(form.redirect, config);
    const identifier = (form.identifier ?? '').trim();
    const password = form.password ?? '';
    const missing: Record<string, string> = {};
    if (identifier === '') missing.identifier = 'Enter your email address or username.';
    if (password === '') missing.password = 'Enter your password.';
    if (Object.keys(missing).length > 0)
      return renderSignIn(c, { target, identifier, errors: missing, status: 400 });
    try {
      await countRequest(services, 'login', c.get('clientIp'));
      const { session } = await passwordLogin(c, services, { identifier, password });
      return c.redirect(session.pending ? withRedirect('/sign-in/two-factor', target) : target, 303);
    } catch (error) {
      const failure = pageFailure(c, error);
      return renderSignIn(c, {
        target,
        identifier,
        errors: { form: failure.message },
        resend: failure.code === 'EMAIL_NOT_VERIFIED' ? { email: resendEmailOf(identifier) } : undefined,
        status: failure.status,
      });
    }
  });

  return renderSignIn;
}
