/**
 * @module The one error page of the hosted pages: a heading, a sentence and a way back, with the
 * status the JSON route would answer. Guards (admin role, rate limits) draw it directly; an
 * action whose service refuses in a way no form field can show draws it with
 * {@link renderFailurePage}, so a browser never lands on a JSON error body.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../http/flowless-env.js';
import { pageFailure } from './auth/page-failure.js';
import { Notice } from './form-fields.js';
import type { PageOptions, PageRouter } from './page-router.js';

/** What an error page says. */
export interface ErrorPageView {
  readonly status: Exclude<NonNullable<PageOptions['status']>, 200>;
  readonly title: string;
  readonly message: string;
  /** Where the way back goes, and its words. */
  readonly back?: { readonly href: string; readonly label: string } | undefined;
}

const BACK_TO_ACCOUNT = { href: '/account', label: 'Back to your account' } as const;

/**
 * Answers `view` as a page (narrow, one heading, the message announced as an error).
 */
export function renderErrorPage(
  pages: PageRouter,
  c: Context<FlowlessEnv>,
  view: ErrorPageView,
): Response | Promise<Response> {
  const back = view.back ?? BACK_TO_ACCOUNT;
  return pages.render(
    c,
    { title: view.title, narrow: true, status: view.status },
    <section class="card">
      <h1>{view.title}</h1>
      <Notice kind="error" message={view.message} />
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </section>,
  );
}

const TITLES: Readonly<Record<ErrorPageView['status'], string>> = {
  400: 'Request refused',
  401: 'Signed out',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  422: 'Request refused',
  429: 'Too many requests',
};

/**
 * Answers a service's typed refusal (`error`) as the error page, in words a person can act on; a
 * 401 (the session ended, the account was banned) points to sign-in. Anything but a typed
 * error is rethrown (a fault, answered 500).
 */
export function renderFailurePage(
  pages: PageRouter,
  c: Context<FlowlessEnv>,
  error: unknown,
): Response | Promise<Response> {
  const failure = pageFailure(c, error);
  return renderErrorPage(pages, c, {
    status: failure.status,
    title: TITLES[failure.status],
    message: failure.message,
    back: failure.status === 401 ? { href: '/sign-in', label: 'Sign in' } : undefined,
  });
}
