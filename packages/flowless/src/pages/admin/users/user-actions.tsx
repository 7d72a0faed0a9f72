/**
 * @module The form targets of a user's admin page. Each finds the user as the JSON admin routes
 * do (only a superadmin touches a superadmin), acts through the same shared functions, records
 * the action, and answers 303 back to the page with what was done, or draws the page again with
 * the refusal next to its form.
 */
import type { Context } from 'hono';
import { FlowlessError } from '../../../errors.js';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import {
  type AdminUserUpdate,
  adminTarget,
  endUserSessionsAsAdmin,
  updateUserAsAdmin,
} from '../../../routes/admin/admin-user-actions.js';
import type { SessionRecord } from '../../../sessions/session-record.js';
import type { SocialAccounts } from '../../../social/social-accounts.js';
import type { UserRecord } from '../../../users/user-record.js';
import { readForm } from '../../form-body.js';
import type { PageOptions } from '../../page-router.js';
import { type AdminAction, recordAdminAction } from '../admin-audit.js';
import type { AdminRouter } from '../admin-router.js';
import { resetTwoFactorAsAdmin } from './reset-two-factor.js';
import type { FormState } from './user-detail-forms.js';
import { type DoneAction, renderUserNotFound, renderUserPage, userPagePath } from './user-detail-page.js';
import { editUserInput, userTypeInput } from './user-form-input.js';

/** What an action did: the page's message, or the form to show again with its messages. */
type Outcome = { done: DoneAction } | { refused: FormState };

type Action = (c: Context<FlowlessEnv>, actor: SessionRecord, user: UserRecord) => Promise<Outcome>;

const PAGE_STATUSES = [400, 403, 404, 409, 422, 429] as const;
const pageStatus = (status: number): PageOptions['status'] =>
  PAGE_STATUSES.find((known) => known === status) ?? 400;

/** An update through the JSON admin route's rules, recorded as `action`. */
async function update(
  admin: AdminRouter,
  c: Context<FlowlessEnv>,
  actor: SessionRecord,
  user: UserRecord,
  change: { body: AdminUserUpdate; action: AdminAction; done: DoneAction },
): Promise<Outcome> {
  const updated = await updateUserAsAdmin(admin.services, actor, user, change.body);
  await recordAdminAction(admin.services, c, actor, change.action, updated);
  return { done: change.done };
}

function actions(admin: AdminRouter): Record<string, Action> {
  const { services } = admin;
  return {
    '': async (c, actor, user) => {
      const form = await readForm(c);
      const input = editUserInput(form);
      if (!input.ok) return { refused: { form: 'edit', errors: input.errors, values: form } };
      return update(admin, c, actor, user, { body: input.body, action: 'admin.user_updated', done: 'saved' });
    },
    '/type': async (c, actor, user) => {
      const form = await readForm(c);
      const input = userTypeInput(form);
      if (!input.ok) return { refused: { form: 'type', errors: input.errors, values: form } };
      return update(admin, c, actor, user, {
        body: input.body,
        action: 'admin.user_type_changed',
        done: 'type',
      });
    },
    '/ban': (c, actor, user) =>
      update(admin, c, actor, user, {
        body: { is_banned: true },
        action: 'admin.user_banned',
        done: 'banned',
      }),
    '/unban': (c, actor, user) =>
      update(admin, c, actor, user, {
        body: { is_banned: false },
        action: 'admin.user_unbanned',
        done: 'unbanned',
      }),
    '/two-factor/reset': async (c, actor, user) => {
      await resetTwoFactorAsAdmin(services, actor, user);
      await recordAdminAction(services, c, actor, 'admin.two_factor_reset', user);
      return { done: 'two_factor_reset' };
    },
    '/sessions/end': async (_c, actor, user) => {
      await endUserSessionsAsAdmin(services, actor, user);
      return { done: 'sessions_ended' };
    },
    '/sessions/:sessionId/end': async (c, actor, user) => {
      await endUserSessionsAsAdmin(services, actor, user, c.req.param('sessionId') ?? '');
      return { done: 'session_ended' };
    },
  };
}

/**
 * Registers the form targets under `POST /admin/users/:id`.
 */
export function registerUserActions(admin: AdminRouter, social: SocialAccounts): void {
  for (const [suffix, action] of Object.entries(actions(admin))) {
    admin.post(`/admin/users/:id${suffix}`, async (c, actor) => {
      const id = c.req.param('id') ?? '';
      let user: UserRecord | null = null;
      try {
        user = await adminTarget(admin.services, actor, id);
        const outcome = await action(c, actor, user);
        if ('done' in outcome) return c.redirect(userPagePath(user.id, outcome.done), 303);
        return renderUserPage(admin, social, c, user, { status: 422, form: outcome.refused });
      } catch (error) {
        if (!(error instanceof FlowlessError)) throw error;
        const shown = user ?? (await admin.services.users.findById(id));
        if (!shown) return renderUserNotFound(admin, c);
        return renderUserPage(admin, social, c, shown, {
          status: pageStatus(error.status),
          error: error.message,
        });
      }
    });
  }
}
