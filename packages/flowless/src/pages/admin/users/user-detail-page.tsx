/**
 * @module `/admin/users/:id`: everything about one person (profile, type, sessions, second
 * factors, passkeys, linked accounts, API tokens) and the forms that act on them. After an action
 * the page says what was done, from a fixed list of messages (nothing from the address is echoed).
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import { activeSessionsOf } from '../../../sessions/session-directory.js';
import type { SocialAccounts } from '../../../social/social-accounts.js';
import type { UserRecord } from '../../../users/user-record.js';
import { Notice } from '../../form-fields.js';
import type { PageOptions } from '../../page-router.js';
import type { AdminRouter } from '../admin-router.js';
import { BanForm, EditForm, type FormState, TwoFactorSection, TypeForm } from './user-detail-forms.js';
import {
  ApiTokenSection,
  LinkedAccountSection,
  PasskeySection,
  ProfileSection,
  SessionSection,
} from './user-detail-sections.js';

/** What the page says after each action (`?done=<key>`). */
export const DONE_MESSAGES = {
  created: 'User created.',
  saved: 'Profile saved.',
  type: 'Type changed.',
  banned: 'User banned; every session ended.',
  unbanned: 'User unbanned.',
  two_factor_reset: 'Two-factor reset; every second factor removed.',
  sessions_ended: 'Every session ended.',
  session_ended: 'Session ended.',
} as const;

/** A key of {@link DONE_MESSAGES}. */
export type DoneAction = keyof typeof DONE_MESSAGES;

/** How the page is drawn: a refusal to show, or the form to show again. */
export interface UserPageState {
  status?: PageOptions['status'];
  error?: string | undefined;
  form?: FormState | undefined;
}

/** The user's page path, with what was just done. */
export const userPagePath = (id: string, done?: DoneAction): string =>
  `/admin/users/${encodeURIComponent(id)}${done ? `?done=${done}` : ''}`;

const doneMessage = (key: string | undefined): string | undefined =>
  key && Object.hasOwn(DONE_MESSAGES, key) ? DONE_MESSAGES[key as DoneAction] : undefined;

/**
 * Renders the page of `user`.
 */
export async function renderUserPage(
  admin: AdminRouter,
  social: SocialAccounts,
  c: Context<FlowlessEnv>,
  user: UserRecord,
  state: UserPageState = {},
): Promise<Response> {
  const { db, clock, twoFactor, passkeys, apiTokens } = admin.services;
  const [sessions, factors, keys, accounts, tokens] = await Promise.all([
    activeSessionsOf(db, user.id, clock.now()),
    twoFactor.methodsOf(user.id),
    passkeys.listOf(user.id),
    social.list(user.id),
    apiTokens.list(user.id),
  ]);
  const done = state.status ? undefined : doneMessage(c.req.query('done'));
  return admin.render(
    c,
    { title: user.email, section: 'users', status: state.status ?? 200 },
    <>
      <p>
        <a href="/admin/users">All users</a>
      </p>
      <h1>{user.email}</h1>
      <Notice kind="success" message={done} />
      <Notice kind="error" message={state.error} />
      <ProfileSection user={user} />
      <EditForm user={user} state={state.form} />
      <TypeForm user={user} state={state.form} />
      <BanForm user={user} />
      <SessionSection user={user} sessions={sessions} />
      <TwoFactorSection user={user} factors={factors.filter((factor) => factor.method !== 'passkey')} />
      <PasskeySection passkeys={keys} />
      <LinkedAccountSection accounts={accounts} />
      <ApiTokenSection tokens={tokens} />
    </>,
  );
}

/**
 * The 404 page of an unknown user id.
 */
export function renderUserNotFound(
  admin: AdminRouter,
  c: Context<FlowlessEnv>,
): Response | Promise<Response> {
  return admin.render(
    c,
    { title: 'User not found', section: 'users', status: 404 },
    <>
      <h1>User not found</h1>
      <p>
        No user has this id. <a href="/admin/users">All users</a>
      </p>
    </>,
  );
}

/**
 * Registers `GET /admin/users/:id` (404 page for an unknown id).
 */
export function registerUserDetailPage(admin: AdminRouter, social: SocialAccounts): void {
  admin.get('/admin/users/:id', async (c) => {
    const user = await admin.services.users.findById(c.req.param('id') ?? '');
    if (!user) return renderUserNotFound(admin, c);
    return renderUserPage(admin, social, c, user);
  });
}
