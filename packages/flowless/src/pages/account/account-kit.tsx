/**
 * @module The shared parts of the account pages: the guard every account route sits behind (a
 * signed-in viewer, handed to the JSON routes' helpers as the request's session), the page frame
 * with its sub-navigation and notice, and the mapping of a refused input (typed errors, Zod
 * issues) to the field it concerns.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { FieldErrors } from '../form-fields.js';
import { Notice } from '../form-fields.js';
import type { PageOptions } from '../page-router.js';
import { requireViewer } from '../page-session.js';

/** The account pages, in the order of the sub-navigation. */
const ACCOUNT_SECTIONS = [
  { path: '/account', label: 'Profile' },
  { path: '/account/security', label: 'Security' },
  { path: '/account/sessions', label: 'Sessions' },
  { path: '/account/tokens', label: 'API tokens' },
  { path: '/account/connections', label: 'Connected accounts' },
] as const;

/** The path of one account page. */
export type AccountPath = (typeof ACCOUNT_SECTIONS)[number]['path'];

/** Sets the request's `session` to the page's viewer, so the JSON routes' helpers read it. */
const viewerAsSession: MiddlewareHandler<FlowlessEnv> = async (c, next) => {
  const viewer = c.get('viewer');
  if (viewer) c.set('session', viewer);
  await next();
};

/**
 * The guards of every account route: a signed-in viewer (else to sign-in and back), who is then
 * the request's session.
 */
export function accountGuards(): MiddlewareHandler<FlowlessEnv>[] {
  return [requireViewer(), viewerAsSession];
}

/** The signed-in viewer of an account route (set by {@link accountGuards}). */
export function viewerOf(c: Context<FlowlessEnv>) {
  return c.get('session');
}

/** The sub-navigation between the account pages. */
function AccountNav({ current }: { current: AccountPath }) {
  return (
    <nav aria-label="Account" class="account-nav">
      <ul>
        {ACCOUNT_SECTIONS.map((section) => (
          <li>
            <a href={section.path} aria-current={section.path === current ? 'page' : undefined}>
              {section.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** What {@link AccountFrame} draws. */
export interface AccountFrameProps {
  title: string;
  current: AccountPath;
  notice?: string | undefined;
  children?: Child;
}

/**
 * An account page: its one heading, the sub-navigation and the notice of the last action.
 */
export function AccountFrame(props: AccountFrameProps) {
  return (
    <>
      <h1>{props.title}</h1>
      <AccountNav current={props.current} />
      <Notice kind="success" message={props.notice} />
      {props.children}
    </>
  );
}

/**
 * The notice of a finished action, named by `?done=` after the redirect that follows a post.
 */
export function doneNotice(c: Context, messages: Readonly<Record<string, string>>): string | undefined {
  const done = c.req.query('done');
  return done !== undefined && Object.hasOwn(messages, done) ? messages[done] : undefined;
}

/** A refused form: its errors by field and the status of the page that shows them. */
export interface PageFailure {
  errors: FieldErrors;
  status: NonNullable<PageOptions['status']>;
}

/** Where a typed error is shown: its field, and the message there when the error's own is for machines. */
export type ErrorPlacement = Readonly<Record<string, { field: string; message?: string }>>;

function pageStatus(status: number): PageFailure['status'] {
  if (status === 404 || status === 409 || status === 429 || status === 403) return status;
  return status === 413 || status === 415 || status === 422 ? 422 : 400;
}

/**
 * The field errors of a refused action: a {@link FlowlessError} goes to the field `placement`
 * names for its `extra.code` or its `code` (else to the whole form). Anything else is rethrown.
 */
export function failureOf(error: unknown, placement: ErrorPlacement): PageFailure {
  if (!(error instanceof FlowlessError)) throw error;
  const extraCode = typeof error.extra.code === 'string' ? error.extra.code : undefined;
  const placed = (extraCode !== undefined ? placement[extraCode] : undefined) ?? placement[error.code];
  const field = placed?.field ?? 'form';
  return { errors: { [field]: placed?.message ?? error.message }, status: pageStatus(error.status) };
}

/**
 * The Zod issues of a form, one message per field, worded with the field's `labels`.
 */
export function issuesByField(error: z.ZodError, labels: Readonly<Record<string, string>>): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    const label = labels[field] ?? field;
    if (issue.code === 'too_big')
      errors[field] = `${label} is too long (at most ${issue.maximum} characters)`;
    else if (issue.code === 'too_small') errors[field] = `${label} is required`;
    else errors[field] = `${label} ${issue.message}`;
  }
  return errors;
}

/** "2026-12-04 14:03 UTC": a time on the account pages (UTC: the server does not know the reader's zone). */
export function formatTime(ms: number | null): string {
  if (ms === null) return 'Never';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
