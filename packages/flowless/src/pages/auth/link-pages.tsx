/**
 * @module Pages that finish a flow begun elsewhere: `POST /sign-in/link/request` mails a sign-in
 * link; `GET|POST /sign-in/link` is where that link lands (its token, read from the fragment by
 * inline script, is posted and used up like `POST /auth/token/login`); `GET|POST /verify-email`
 * does the same for a verification link; `GET /sign-in/social` is where a social login started
 * on the sign-in page returns, with its outcome in words. Mails point here when the operator
 * lists this server's pages (`PUBLIC_URL`) in `ALLOWED_REDIRECT_URLS`; otherwise they point to
 * the front end, as the JSON API's do.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { countRequest } from '../../http/middleware.js';
import { requestSignInLink, useSignInLink } from '../../routes/token-login/sign-in-link.js';
import { verifyEmailToken } from '../../routes/verification/verify-email-token.js';
import { socialFailureMessage } from '../../social/social-errors.js';
import { readForm } from '../form-body.js';
import { Notice } from '../form-fields.js';
import type { PageRouter } from '../page-router.js';
import { renderCheckMail } from './check-mail.js';
import { fragmentTokenScript, TokenField, type TokenPurpose } from './fragment-token.js';
import { pageFailure } from './page-failure.js';
import { DEFAULT_REDIRECT, safeRedirect, withRedirect } from './redirect-target.js';
import type { SignInView } from './sign-in-page.js';

type RenderSignIn = (c: Context<FlowlessEnv>, view: SignInView) => Response | Promise<Response>;

interface LandingView {
  readonly title: string;
  readonly purpose: TokenPurpose;
  readonly action: string;
  readonly button: string;
  readonly error?: string | undefined;
  readonly status?: 200 | 400 | 401 | 403 | 429;
}

function renderLanding(pages: PageRouter, c: Context<FlowlessEnv>, view: LandingView) {
  return pages.render(
    c,
    {
      title: view.title,
      narrow: true,
      status: view.status ?? 200,
      inlineScript: fragmentTokenScript(view.purpose),
    },
    <>
      <h1>{view.title}</h1>
      <Notice kind="error" message={view.error} />
      <form method="post" action={view.action} id={`${view.purpose}-form`} class="card">
        <TokenField />
        <button type="submit">{view.button}</button>
      </form>
      <p>
        <a href="/sign-in">Back to sign in</a>
      </p>
    </>,
  );
}

/** `POST /sign-in/link/request` and `GET|POST /sign-in/link`. */
function registerSignInLinkPages(pages: PageRouter, renderSignIn: RenderSignIn): void {
  const { services } = pages;
  const landing = {
    title: 'Sign in with your link',
    purpose: 'link',
    action: '/sign-in/link',
    button: 'Sign in',
  } as const;

  pages.post('/sign-in/link/request', async (c) => {
    const email = ((await readForm(c)).link_email ?? '').trim();
    const target = DEFAULT_REDIRECT;
    try {
      await countRequest(services, 'token_login', c.get('clientIp'));
      await requestSignInLink(
        services,
        email,
        new URL('/sign-in/link', services.config.PUBLIC_URL).toString(),
      );
    } catch (error) {
      const failure = pageFailure(c, error);
      const message = failure.status === 400 ? 'Enter a valid email address.' : failure.message;
      return renderSignIn(c, {
        target,
        linkEmail: email,
        linkErrors: { link_email: message },
        status: failure.status,
      });
    }
    return renderCheckMail(
      pages,
      c,
      'If the address has an account, we sent it a sign-in link. It works once.',
    );
  });

  pages.get('/sign-in/link', (c) => renderLanding(pages, c, landing));
  pages.post('/sign-in/link', async (c) => {
    try {
      await countRequest(services, 'token_login', c.get('clientIp'));
      const { session } = await useSignInLink(c, services, (await readForm(c)).token ?? '', undefined);
      return c.redirect(session.pending ? '/sign-in/two-factor' : DEFAULT_REDIRECT, 303);
    } catch (error) {
      const failure = pageFailure(c, error);
      return renderLanding(pages, c, {
        ...landing,
        error: failure.message,
        status: failure.status === 429 ? 429 : 400,
      });
    }
  });
}

/** `GET|POST /verify-email`. */
function registerVerifyEmailPage(pages: PageRouter): void {
  const { services } = pages;
  const landing = {
    title: 'Verify your email',
    purpose: 'verify',
    action: '/verify-email',
    button: 'Verify my email',
  } as const;
  pages.get('/verify-email', (c) => renderLanding(pages, c, landing));
  pages.post('/verify-email', async (c) => {
    try {
      await countRequest(services, 'verify', c.get('clientIp'));
      await verifyEmailToken(services, (await readForm(c)).token || undefined);
    } catch (error) {
      const failure = pageFailure(c, error);
      return renderLanding(pages, c, {
        ...landing,
        error: failure.message,
        status: failure.status === 429 ? 429 : 400,
      });
    }
    return pages.render(
      c,
      { title: 'Email verified', narrow: true },
      <>
        <h1>Email verified</h1>
        <Notice kind="success" message="Your email address is verified." />
        <p>
          <a class="button" href={c.get('viewer') ? DEFAULT_REDIRECT : '/sign-in'}>
            Continue
          </a>
        </p>
      </>,
    );
  });
}

/** `GET /sign-in/social`: the return of a social login started on the sign-in page. */
function registerSocialResultPage(pages: PageRouter): void {
  const { config } = pages.services;
  pages.get('/sign-in/social', (c) => {
    const target = safeRedirect(c.req.query('redirect'), config);
    const outcome = c.req.query('social_login');
    if (outcome === 'success' && c.req.query('requires_2fa') === 'true')
      return c.redirect(withRedirect('/sign-in/two-factor', target), 303);
    if (outcome === 'success' && c.get('viewer')) return c.redirect(target, 303);
    const reason = c.req.query('error') ?? '';
    const message =
      socialFailureMessage(reason) ?? 'The sign-in with your other account did not complete. Try again.';
    return pages.render(
      c,
      { title: 'Sign-in not completed', narrow: true, status: 400 },
      <>
        <h1>Sign-in not completed</h1>
        <Notice kind="error" message={message} />
        <p>
          <a href={withRedirect('/sign-in', target)}>Back to sign in</a>
        </p>
      </>,
    );
  });
}

/**
 * Registers the link landing pages and the social result page.
 */
export function registerLinkPages(pages: PageRouter, renderSignIn: RenderSignIn): void {
  registerSignInLinkPages(pages, renderSignIn);
  registerVerifyEmailPage(pages);
  registerSocialResultPage(pages);
}
