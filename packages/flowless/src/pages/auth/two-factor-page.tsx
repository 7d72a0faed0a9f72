/**
 * @module `GET|POST /sign-in/two-factor` and `POST /sign-in/two-factor/send`: the second step of
 * a sign-in whose account has a second factor. Only the browser's pending session (from the
 * password, link or social step) reaches it; the code is checked and counted exactly as by
 * `POST /auth/two_factor/verify` (attempts per pending session and per user), and success
 * promotes the same session and sends the browser to its allowed `redirect`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { countRequest } from '../../http/middleware.js';
import { sessionIdFrom } from '../../http/session-id.js';
import { checkCountedFactor, promotePendingSession } from '../../routes/two-factor/second-factor-check.js';
import { currentUser } from '../../routes/two-factor/two-factor-guards.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import { readForm } from '../form-body.js';
import { FormError, Notice } from '../form-fields.js';
import type { PageOptions, PageRouter } from '../page-router.js';
import { pageFailure } from './page-failure.js';
import { safeRedirect, withRedirect } from './redirect-target.js';
import { TwoFactorForms, type TwoFactorView } from './two-factor-forms.js';

/** Lets only a pending session through (`session`, `sessionId` set); others go where they belong. */
function requirePending(services: FlowlessServices): MiddlewareHandler<FlowlessEnv> {
  return async function requirePendingMiddleware(c, next) {
    const target = safeRedirect(c.req.query('redirect'), services.config);
    if (c.get('viewer')) return c.redirect(target, 303);
    const id = sessionIdFrom(c, { allowQuery: false });
    const result = id ? await services.sessions.validate(id, { allowPending: true }) : null;
    if (!id || !result?.ok || !result.session.pending)
      return c.redirect(withRedirect('/sign-in', target), 303);
    c.set('sessionId', id);
    c.set('session', result.session);
    await next();
    return undefined;
  };
}

/** The factors the pending session's user can finish with. */
async function usableMethods(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
): Promise<TwoFactorMethodRecord[]> {
  const { user } = c.get('session');
  return services.twoFactor.loginMethods(user, await services.twoFactor.methodsOf(user.id));
}

const SENT: Readonly<Record<string, string>> = {
  email: 'We sent a code to your email address.',
  sms: 'We sent a code by text message.',
};

/**
 * Registers the second-factor page.
 */
export function registerTwoFactorPage(pages: PageRouter): void {
  const { services } = pages;
  const pending = requirePending(services);

  const render = (c: Context<FlowlessEnv>, view: TwoFactorView, status: PageOptions['status'] = 200) =>
    pages.render(
      c,
      { title: 'Two-step verification', narrow: true, status, scripts: ['webauthn.js', 'passkeys.js'] },
      <>
        <h1>Two-step verification</h1>
        <Notice kind="success" message={view.sent ? SENT[view.sent] : undefined} />
        <FormError errors={view.errors} />
        {view.methods.length === 0 ? (
          <Notice
            kind="info"
            message="Your account must have a second factor before it can sign in here. Set one up in the app you came from."
          />
        ) : (
          <TwoFactorForms view={view} />
        )}
        <form method="post" action="/sign-out">
          <button type="submit" class="link">
            Cancel and sign out
          </button>
        </form>
      </>,
    );

  pages.get('/sign-in/two-factor', pending, async (c) => {
    const target = safeRedirect(c.req.query('redirect'), services.config);
    return render(c, { target, methods: await usableMethods(services, c), sent: c.req.query('sent') });
  });

  pages.post('/sign-in/two-factor', pending, async (c) => {
    const form = await readForm(c);
    const target = safeRedirect(form.redirect, services.config);
    const methods = await usableMethods(services, c);
    const factor = methods.find((m) => m.method === form.method && m.method !== 'passkey');
    const field = `${form.method}_code`;
    const code = (form[field] ?? '').trim();
    if (!factor)
      return render(c, { target, methods, errors: { form: 'Choose one of the ways below.' } }, 400);
    if (code === '') return render(c, { target, methods, errors: { [field]: 'Enter the code.' } }, 400);
    try {
      await countRequest(services, 'login', c.get('clientIp'));
      const user = await currentUser(services, c);
      await checkCountedFactor(services, c, user, factor, { code }, 'login');
      await promotePendingSession(services, c, user, factor.method);
      return c.redirect(target, 303);
    } catch (error) {
      const failure = pageFailure(c, error);
      const errors =
        failure.code === 'INVALID_CODE' ? { [field]: failure.message } : { form: failure.message };
      return render(c, { target, methods, errors }, failure.status);
    }
  });

  pages.post('/sign-in/two-factor/send', pending, async (c) => {
    const form = await readForm(c);
    const target = safeRedirect(form.redirect, services.config);
    const methods = await usableMethods(services, c);
    const factor = methods.find(
      (m) => m.method === form.method && (m.method === 'email' || m.method === 'sms'),
    );
    if (!factor)
      return render(c, { target, methods, errors: { form: 'Choose one of the ways below.' } }, 400);
    try {
      await countRequest(services, 'login', c.get('clientIp'));
      const outcome = await services.twoFactor.sendCode(factor, c.get('session').hash);
      if (!outcome.sent) {
        const message = 'A code was sent less than a minute ago. Wait a moment before asking for another.';
        return render(c, { target, methods, errors: { form: message } }, 429);
      }
      services.logger.info(
        { event: 'two_factor.code_sent', user_id: factor.userId, method: factor.method },
        'second-factor code sent',
      );
      return c.redirect(withRedirect(`/sign-in/two-factor?sent=${factor.method}`, target), 303);
    } catch (error) {
      const failure = pageFailure(c, error);
      return render(c, { target, methods, errors: { form: failure.message } }, failure.status);
    }
  });
}
