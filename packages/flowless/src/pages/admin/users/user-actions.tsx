/**
 * @module The form targets of a user's admin page. Each finds the user as the JSON admin routes
 * do (only a superadmin touches a superadmin), acts through the same shared functions, records
 * the action in the audit log (a refusal for lack of rights as `admin.access_denied`), and answers 303 back to
 * the page with what was done, or draws the page again with the refusal next to its form.
 */
import type { Context } from 'hono';
import type { AuditAction, AuditDetails } from '../../../audit/audit-event.js';
import { FlowlessError } from '../../../errors.js';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import {
  type AdminUserUpdate,
  endUserSessionsAsAdmin,
  findAdminTarget,
  updateUserAsAdmin,
} from '../../../routes/admin/admin-user-actions.js';
import type { SessionRecord } from '../../../sessions/session-record.js';
import type { SocialAccounts } from '../../../social/social-accounts.js';
import type { UserRecord } from '../../../users/user-record.js';
import { readForm } from '../../form-body.js';
import type { PageOptions } from '../../page-router.js';
import { recordAdminAction, recordAdminDenial } from '../admin-audit.js';
import type { AdminRouter } from '../admin-router.js';
import { resetTwoFactorAsAdmin } from './reset-two-factor.js';
import type { FormState } from './user-detail-forms.js';
import { type DoneAction, renderUserNotFound, renderUserPage, userPagePath } from './user-detail-page.js';
import { editUserInput, userTypeInput } from './user-form-input.js';

/** What an action did: the page's message and the event's details, or the form to show again. */
type Outcome = { done: DoneAction; details?: AuditDetails } | { refused: FormState };

/** One form target: the action it records and what it does. */
interface UserAction {
  action: AuditAction;
  run(c: Context<FlowlessEnv>, actor: SessionRecord, user: UserRecord): Promise<Outcome>;
}

const PAGE_STATUSES = [400, 403, 404, 409, 422, 429] as const;
const pageStatus = (status: number): PageOptions['status'] =>
  PAGE_STATUSES.find((known) => known === status) ?? 400;

/** The fields an update changes, by name (values are never recorded). */
const changedFields = (body: AdminUserUpdate, user: UserRecord): string[] => {
  const current: Readonly<Record<string, unknown>> = {
    email: user.email,
    name: user.name,
    last_name: user.lastName,
    user_name: user.username,
    phone: user.phone,
    lang: user.lang,
    is_verified: user.isVerified,
  };
  return Object.entries(body)
    .filter(([name, value]) => value !== undefined && (current[name] ?? '') !== value)
    .map(([name]) => name);
};

function userActions(admin: AdminRouter): Record<string, UserAction> {
  const { services } = admin;
  const update = async (actor: SessionRecord, user: UserRecord, body: AdminUserUpdate): Promise<void> => {
    await updateUserAsAdmin(services, actor, user, body);
  };
  return {
    '': {
      action: 'admin.user_updated',
      async run(c, actor, user) {
        const form = await readForm(c);
        const input = editUserInput(form);
        if (!input.ok) return { refused: { form: 'edit', errors: input.errors, values: form } };
        const fields = changedFields(input.body, user);
        await update(actor, user, input.body);
        return { done: 'saved', details: { fields } };
      },
    },
    '/type': {
      action: 'admin.user_type_changed',
      async run(c, actor, user) {
        const form = await readForm(c);
        const input = userTypeInput(form);
        if (!input.ok) return { refused: { form: 'type', errors: input.errors, values: form } };
        await update(actor, user, input.body);
        return { done: 'type', details: { from_type: user.userType, to_type: input.body.user_type ?? '' } };
      },
    },
    '/ban': {
      action: 'admin.user_banned',
      async run(_c, actor, user) {
        await update(actor, user, { is_banned: true });
        return { done: 'banned' };
      },
    },
    '/unban': {
      action: 'admin.user_unbanned',
      async run(_c, actor, user) {
        await update(actor, user, { is_banned: false });
        return { done: 'unbanned' };
      },
    },
    '/two-factor/reset': {
      action: 'admin.two_factor_reset',
      async run(_c, actor, user) {
        const count = await resetTwoFactorAsAdmin(services, actor, user);
        return { done: 'two_factor_reset', details: { count } };
      },
    },
    '/sessions/end': {
      action: 'admin.sessions_ended',
      async run(_c, actor, user) {
        await endUserSessionsAsAdmin(services, actor, user);
        return { done: 'sessions_ended', details: { scope: 'all' } };
      },
    },
    '/sessions/:sessionId/end': {
      action: 'admin.sessions_ended',
      async run(c, actor, user) {
        await endUserSessionsAsAdmin(services, actor, user, c.req.param('sessionId') ?? '');
        return { done: 'session_ended', details: { scope: 'one' } };
      },
    },
  };
}

/**
 * Registers the form targets under `POST /admin/users/:id`.
 */
export function registerUserActions(admin: AdminRouter, social: SocialAccounts): void {
  const { services } = admin;
  for (const [suffix, { action, run }] of Object.entries(userActions(admin))) {
    admin.post(`/admin/users/:id${suffix}`, async (c, actor) => {
      const id = c.req.param('id') ?? '';
      let user: UserRecord | null = null;
      try {
        user = await findAdminTarget(services, actor, id);
        const outcome = await run(c, actor, user);
        if ('refused' in outcome)
          return renderUserPage(admin, social, c, user, { status: 422, form: outcome.refused });
        await recordAdminAction(services, c, actor, action, {
          subjectUserId: user.id,
          details: outcome.details ?? {},
        });
        return c.redirect(userPagePath(user.id, outcome.done), 303);
      } catch (error) {
        if (!(error instanceof FlowlessError)) throw error;
        const shown = user ?? (await services.users.findById(id));
        if (error.status === 403)
          await recordAdminDenial(services, c, actor, 'superadmin_only', shown?.id ?? null);
        if (!shown) return renderUserNotFound(admin, c);
        return renderUserPage(admin, social, c, shown, {
          status: pageStatus(error.status),
          error: error.message,
        });
      }
    });
  }
}
