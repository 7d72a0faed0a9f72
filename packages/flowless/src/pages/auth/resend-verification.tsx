/**
 * @module "Send the verification link again" on the sign-in page: offered when sign-in is refused
 * for an unverified address, posted to `POST /sign-in/resend-verification`, which counts on the
 * `verify` window of `POST /auth/resend-verification` and calls the same function. Every
 * accepted address gets the same "Check your mail" page, so the form tells nobody whether an
 * account exists or is verified.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { countRequest } from '../../http/middleware.js';
import { resendVerification } from '../../routes/verification/resend-verification.js';
import { resendBody } from '../../routes/verification/verification-schemas.js';
import { readForm } from '../form-body.js';
import { Field, type FieldErrors, FormError } from '../form-fields.js';
import type { PageRouter } from '../page-router.js';
import { renderCheckMail } from './check-mail.js';
import { pageFailure } from './page-failure.js';
import { DEFAULT_REDIRECT } from './redirect-target.js';
import type { SignInView } from './sign-in-page.js';

/** What the check-mail page says, for a known, unknown or verified address alike. */
export const RESENT_MESSAGE = 'If an account with that address needs verifying, we sent it a new link.';

/** The form, below a refusal for an unverified address. */
export function ResendVerificationForm(props: {
  email?: string | undefined;
  errors?: FieldErrors | undefined;
}) {
  return (
    <section class="card" aria-labelledby="resend-verification-heading">
      <h2 id="resend-verification-heading">Send the verification link again</h2>
      <form method="post" action="/sign-in/resend-verification" id="resend-verification-form" novalidate>
        <FormError errors={props.errors} />
        <Field
          name="resend_email"
          label="Email address"
          type="email"
          autocomplete="email"
          required
          value={props.email}
          errors={props.errors}
        />
        <button type="submit">Send the link again</button>
      </form>
    </section>
  );
}

/** The address to offer in the form: the sign-in name when it is an email address. */
export const resendEmailOf = (identifier: string): string | undefined =>
  identifier.includes('@') ? identifier : undefined;

type RenderSignIn = (c: Context<FlowlessEnv>, view: SignInView) => Response | Promise<Response>;

/**
 * Registers `POST /sign-in/resend-verification`.
 */
export function registerResendVerification(pages: PageRouter, renderSignIn: RenderSignIn): void {
  const { services } = pages;
  pages.post('/sign-in/resend-verification', async (c) => {
    const email = ((await readForm(c)).resend_email ?? '').trim();
    const parsed = resendBody.safeParse({ email });
    const target = DEFAULT_REDIRECT;
    if (!parsed.success)
      return renderSignIn(c, {
        target,
        resend: { email, errors: { resend_email: 'Enter a valid email address.' } },
        status: 400,
      });
    try {
      await countRequest(services, 'verify', c.get('clientIp'));
    } catch (error) {
      const failure = pageFailure(c, error);
      return renderSignIn(c, {
        target,
        resend: { email, errors: { form: failure.message } },
        status: failure.status,
      });
    }
    resendVerification(
      services,
      parsed.data.email,
      new URL('/verify-email', services.config.PUBLIC_URL).toString(),
    );
    return renderCheckMail(pages, c, RESENT_MESSAGE);
  });
}
