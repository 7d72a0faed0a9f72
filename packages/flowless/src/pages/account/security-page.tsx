/**
 * @module `/account/security`: the second factors. The authenticator app (set up with a QR code,
 * confirmed by a code, removed after a fresh proof), the passkeys (listed, removed after a fresh
 * proof, added by `passkeys.js` through the JSON passkey routes) and new backup codes (after a
 * fresh proof, shown once). Every change goes through the functions of `/auth/two_factor/*`.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { removeOwnFactor, renewBackupCodes } from '../../routes/two-factor/two-factor-manage-routes.js';
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import { readForm } from '../form-body.js';
import { type FieldErrors, FormError, Notice } from '../form-fields.js';
import type { PageRouter } from '../page-router.js';
import {
  AccountFrame,
  accountGuards,
  doneNotice,
  failureOf,
  formatTime,
  type PageFailure,
} from './account-kit.js';
import { BackupCodes } from './backup-codes.js';
import { pageRateLimit } from './page-rate-limit.js';
import { offersTotpProof, PROOF_PLACEMENT, ProofFields, proofFrom } from './proof-fields.js';
import { PasskeySection, TotpSection } from './security-sections.js';
import { beginTotpSetup, confirmTotpSetup } from './totp-setup.js';

const NOTICES = { removed: 'The second factor was removed.' };

/** What the page shows besides the factors: a refused form, or new backup codes. */
interface SecurityState {
  failure?: PageFailure;
  /** The form the failure belongs to. */
  form?: 'totp' | 'backup';
  backupCodes?: string[];
}

async function renderSecurity(pages: PageRouter, c: Context<FlowlessEnv>, state: SecurityState = {}) {
  const { services } = pages;
  const title = 'Security';
  if (!services.config.TWO_FACTOR_ENABLED) {
    return pages.render(
      c,
      { title },
      <AccountFrame title={title} current="/account/security">
        <p class="card">Two-factor authentication is turned off on this server.</p>
      </AccountFrame>,
    );
  }
  const methods = await services.twoFactor.methodsOf(c.get('session').userId);
  const available = services.twoFactor.availableMethods();
  const active = methods.filter((m) => m.status === 'active' && m.method !== 'backup_codes');
  const errorsOf = (form: SecurityState['form']): FieldErrors | undefined =>
    state.form === form ? state.failure?.errors : undefined;
  return pages.render(
    c,
    { title, status: state.failure?.status ?? 200, scripts: ['webauthn.js', 'passkeys.js'] },
    <AccountFrame title={title} current="/account/security" notice={doneNotice(c, NOTICES)}>
      {state.backupCodes ? <BackupCodes codes={state.backupCodes} /> : null}
      {available.includes('totp') ? (
        <TotpSection
          totp={methods.find((m) => m.method === 'totp' && m.status === 'active')}
          errors={errorsOf('totp')}
        />
      ) : null}
      {available.includes('passkey') ? (
        <PasskeySection passkeys={methods.filter((m) => m.method === 'passkey')} />
      ) : null}
      <section class="card" aria-labelledby="backup-heading">
        <h2 id="backup-heading">Backup codes</h2>
        {active.length === 0 ? (
          <p class="muted">Backup codes come with your first second factor.</p>
        ) : (
          <form id="backup-codes-form" method="post" action="/account/security/backup-codes">
            <p>New codes replace the old ones, which stop working.</p>
            <FormError errors={errorsOf('backup')} />
            <ProofFields errors={errorsOf('backup')} totp={await offersTotpProof(services, c)} />
            <button type="submit">Get new backup codes</button>
          </form>
        )}
      </section>
    </AccountFrame>,
  );
}

/** The confirmation page of removing `factor`, asking for a proof from anything but the factor itself. */
async function confirmRemove(
  pages: PageRouter,
  c: Context<FlowlessEnv>,
  factor: TwoFactorMethodRecord,
  failure?: PageFailure,
) {
  const what =
    factor.method === 'passkey'
      ? `the passkey "${factor.identifier ?? 'Passkey'}"`
      : 'your authenticator app';
  return pages.render(
    c,
    { title: 'Remove a second factor', narrow: true, status: failure?.status ?? 200 },
    <>
      <h1>{`Remove ${what}?`}</h1>
      <p>{`Added ${formatTime(factor.createdAt)}. Removing your last second factor turns two-factor authentication off.`}</p>
      <form id="remove-factor-form" method="post" action="/account/security/remove">
        <FormError errors={failure?.errors} />
        <input type="hidden" name="method" value={factor.id} />
        <ProofFields errors={failure?.errors} totp={await offersTotpProof(pages.services, c, factor.id)} />
        <div class="row">
          <button type="submit" class="danger">
            Remove
          </button>
          <a href="/account/security">Cancel</a>
        </div>
      </form>
    </>,
  );
}

async function factorOf(pages: PageRouter, c: Context<FlowlessEnv>, id: string) {
  const methods = await pages.services.twoFactor.methodsOf(c.get('session').userId);
  return methods.find((m) => m.id === id && m.method !== 'backup_codes') ?? null;
}

function factorNotFound(pages: PageRouter, c: Context<FlowlessEnv>) {
  return pages.render(
    c,
    { title: 'Not found', narrow: true, status: 404 },
    <>
      <h1>Second factor not found</h1>
      <Notice kind="error" message="It was removed already, or is not yours." />
      <a href="/account/security">Back to security</a>
    </>,
  );
}

/**
 * Registers the security page and its forms.
 */
export function registerSecurityPage(pages: PageRouter): void {
  const { services } = pages;
  const guards = accountGuards();
  const limited = pageRateLimit(pages, 'default');
  const codeLimited = pageRateLimit(pages, 'login');

  pages.get('/account/security', ...guards, (c) => renderSecurity(pages, c));
  pages.post('/account/security/totp/setup', ...guards, limited, (c) =>
    beginTotpSetup(pages, c, (failure) => renderSecurity(pages, c, { failure, form: 'totp' })),
  );
  pages.post('/account/security/totp/confirm', ...guards, codeLimited, (c) => confirmTotpSetup(pages, c));
  pages.get('/account/security/remove', ...guards, async (c) => {
    const factor = await factorOf(pages, c, c.req.query('method') ?? '');
    return factor ? confirmRemove(pages, c, factor) : factorNotFound(pages, c);
  });
  pages.post('/account/security/remove', ...guards, limited, async (c) => {
    const form = await readForm(c);
    const factor = await factorOf(pages, c, form.method ?? '');
    if (!factor) return factorNotFound(pages, c);
    try {
      await removeOwnFactor(services, c, factor.id, proofFrom(form));
    } catch (error) {
      return confirmRemove(pages, c, factor, failureOf(error, PROOF_PLACEMENT));
    }
    return c.redirect('/account/security?done=removed', 303);
  });
  pages.post('/account/security/backup-codes', ...guards, limited, async (c) => {
    try {
      const backupCodes = await renewBackupCodes(services, c, proofFrom(await readForm(c)));
      return renderSecurity(pages, c, { backupCodes });
    } catch (error) {
      return renderSecurity(pages, c, { failure: failureOf(error, PROOF_PLACEMENT), form: 'backup' });
    }
  });
}
