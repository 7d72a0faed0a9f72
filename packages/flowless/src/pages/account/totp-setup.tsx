/**
 * @module Adding an authenticator app on `/account/security`: the setup page (the QR code as
 * inline SVG, no script, and the secret as text to type in), the confirmation of one code, and
 * the page that shows the backup codes of a first factor, once. Setup and confirmation go through
 * the functions of `POST /auth/two_factor/totp/setup` and `/verify` (action `setup`).
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { checkCountedCode } from '../../routes/two-factor/second-factor-check.js';
import { currentUser, pickFactor } from '../../routes/two-factor/two-factor-guards.js';
import { startTotpSetup } from '../../routes/two-factor/two-factor-routes.js';
import { verifyBody } from '../../routes/two-factor/two-factor-schemas.js';
import { activateSetUpFactor } from '../../routes/two-factor/two-factor-verify-route.js';
import type { UserRecord } from '../../users/user-record.js';
import { renderFailurePage } from '../error-page.js';
import { readForm } from '../form-body.js';
import { Field, type FieldErrors, FormError } from '../form-fields.js';
import type { PageRouter } from '../page-router.js';
import { failureOf, type PageFailure } from './account-kit.js';
import { BackupCodes } from './backup-codes.js';

/** The secret in groups of four, easier to type. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

function ConfirmForm({ methodId, errors }: { methodId: string; errors?: FieldErrors | undefined }) {
  return (
    <form id="totp-confirm-form" method="post" action="/account/security/totp/confirm">
      <FormError errors={errors} />
      <input type="hidden" name="method_id" value={methodId} />
      <Field
        name="code"
        label="Code from the app"
        hint="The 6 digits the app shows now"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength={10}
        required
        errors={errors}
      />
      <button type="submit">Turn on</button>
    </form>
  );
}

function renderSetup(
  pages: PageRouter,
  c: Context<FlowlessEnv>,
  setup: { methodId: string; svg: string; secret: string },
) {
  return pages.render(
    c,
    { title: 'Set up an authenticator app', narrow: true },
    <>
      <h1>Set up an authenticator app</h1>
      <ol class="steps">
        <li>
          <p>Scan this code with your authenticator app.</p>
          <div
            class="qr"
            role="img"
            aria-label="QR code to add this account to your authenticator app"
            dangerouslySetInnerHTML={{ __html: setup.svg }}
          />
        </li>
        <li>
          <p>Or type this key in the app:</p>
          <code id="totp-secret" class="secret">
            {grouped(setup.secret)}
          </code>
        </li>
        <li>
          <p>Then enter the code the app shows.</p>
          <ConfirmForm methodId={setup.methodId} />
        </li>
      </ol>
      <p>
        <a href="/account/security">Cancel</a>
      </p>
    </>,
  );
}

function renderConfirmAgain(
  pages: PageRouter,
  c: Context<FlowlessEnv>,
  methodId: string,
  failure: PageFailure,
) {
  return pages.render(
    c,
    { title: 'Set up an authenticator app', narrow: true, status: failure.status },
    <>
      <h1>Set up an authenticator app</h1>
      <ConfirmForm methodId={methodId} errors={failure.errors} />
      <form method="post" action="/account/security/totp/setup">
        <p>Lost the code? Start again with a new key.</p>
        <button type="submit" class="secondary">
          Start again
        </button>
      </form>
    </>,
  );
}

/** `POST /account/security/totp/setup`: a new secret, shown once. */
export async function beginTotpSetup(
  pages: PageRouter,
  c: Context<FlowlessEnv>,
  onRefused: (failure: PageFailure) => Response | Promise<Response>,
) {
  const { services } = pages;
  try {
    const setup = await startTotpSetup(services, await currentUser(services, c));
    return renderSetup(pages, c, { methodId: setup.method.id, svg: setup.svg, secret: setup.secret });
  } catch (error) {
    return onRefused(failureOf(error, {}));
  }
}

/** `POST /account/security/totp/confirm`: one code turns the app on (and a first factor yields backup codes). */
export async function confirmTotpSetup(pages: PageRouter, c: Context<FlowlessEnv>) {
  const { services } = pages;
  const form = await readForm(c);
  const methodId = form.method_id ?? '';
  const parsed = verifyBody.safeParse({
    method_id: methodId,
    method: 'totp',
    code: (form.code ?? '').replace(/\s/g, ''),
    action: 'setup',
  });
  if (!parsed.success)
    return renderConfirmAgain(pages, c, methodId, {
      errors: { code: 'Enter the code the app shows' },
      status: 422,
    });
  let user: UserRecord;
  try {
    user = await currentUser(services, c);
  } catch (error) {
    // Banned (or gone) since the page was loaded: the session is over, said as a page.
    return renderFailurePage(pages, c, error);
  }
  const methods = await services.twoFactor.methodsOf(user.id);
  const factor = pickFactor(methods, { id: methodId, method: 'totp' }, 'pending_setup');
  if (!factor)
    return renderConfirmAgain(pages, c, methodId, {
      errors: { form: 'This setup is over; start again' },
      status: 404,
    });
  let backupCodes: string[] | undefined;
  try {
    if (!(await checkCountedCode(services, c, user, factor, parsed.data, 'setup'))) {
      return renderConfirmAgain(pages, c, methodId, {
        errors: { code: 'That code is not valid; try the next one' },
        status: 400,
      });
    }
    backupCodes = await activateSetUpFactor(services, c, user, factor, methods);
  } catch (error) {
    return renderConfirmAgain(pages, c, methodId, failureOf(error, {}));
  }
  await services.sessions.markVerified(c.get('sessionId'), factor.method);
  return pages.render(
    c,
    { title: 'Authenticator app added', narrow: true },
    <>
      <h1>Authenticator app added</h1>
      <p role="status">Two-factor authentication is on. Signing in now asks for a code from the app.</p>
      {backupCodes ? <BackupCodes codes={backupCodes} /> : null}
      <p>
        <a href="/account/security">Back to security</a>
      </p>
    </>,
  );
}
