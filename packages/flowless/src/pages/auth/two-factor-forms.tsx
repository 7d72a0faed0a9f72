/**
 * @module The forms of the second-factor page, one per method the account can finish with: a
 * code from the authenticator app, a code by email or text (with a button that sends it), a
 * backup code, and a passkey (a button `passkeys.js` shows when the browser has WebAuthn). Each
 * code field has its own name (`totp_code`, `email_code`, …) so that labels and ids stay unique.
 */
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import { maskIdentifier } from '../../two-factor/present-method.js';
import { Field, type FieldErrors } from '../form-fields.js';

/** What the second-factor page shows. */
export interface TwoFactorView {
  readonly target: string;
  readonly methods: readonly TwoFactorMethodRecord[];
  readonly errors?: FieldErrors | undefined;
  readonly sent?: string | undefined;
}

const CODE_LABELS: Readonly<Record<string, string>> = {
  totp: 'Code from your authenticator app',
  email: 'Code from the email',
  sms: 'Code from the text message',
  backup_codes: 'Backup code',
};

const SEND_LABELS: Readonly<Record<string, string>> = { email: 'Email me a code', sms: 'Text me a code' };

function CodeForm(props: { method: TwoFactorMethodRecord; view: TwoFactorView }) {
  const { method, view } = props;
  const name = `${method.method}_code`;
  const backup = method.method === 'backup_codes';
  return (
    <form method="post" action="/sign-in/two-factor" id={`two-factor-${method.method}-form`} novalidate>
      <input type="hidden" name="redirect" value={view.target} />
      <input type="hidden" name="method" value={method.method} />
      <Field
        name={name}
        label={CODE_LABELS[method.method] ?? 'Code'}
        autocomplete="one-time-code"
        inputmode={backup ? 'text' : 'numeric'}
        required
        maxlength={64}
        errors={view.errors}
        hint={backup ? 'One of the codes you saved when you turned two-step verification on.' : undefined}
      />
      <button type="submit">Verify</button>
    </form>
  );
}

function SendForm(props: { method: TwoFactorMethodRecord; target: string }) {
  const { method, target } = props;
  const to = maskIdentifier(method.identifier);
  return (
    <form method="post" action="/sign-in/two-factor/send" id={`two-factor-${method.method}-send`}>
      <input type="hidden" name="redirect" value={target} />
      <input type="hidden" name="method" value={method.method} />
      {to ? <p class="muted">{`The code goes to ${to}.`}</p> : null}
      <button type="submit" class="secondary">
        {SEND_LABELS[method.method] ?? 'Send me a code'}
      </button>
    </form>
  );
}

const HEADINGS: Readonly<Record<string, string>> = {
  totp: 'Authenticator app',
  email: 'Code by email',
  sms: 'Code by text message',
  backup_codes: 'Backup code',
};

/**
 * The methods of the page, each in its card.
 */
export function TwoFactorForms(props: { view: TwoFactorView }) {
  const { view } = props;
  const coded = view.methods.filter((m) => m.method !== 'passkey');
  const passkey = view.methods.some((m) => m.method === 'passkey');
  return (
    <>
      {passkey ? (
        <section class="card" data-passkey-area hidden aria-labelledby="two-factor-passkey">
          <h2 id="two-factor-passkey">Passkey</h2>
          <button
            type="button"
            id="passkey-second-factor"
            data-passkey="second-factor"
            data-redirect={view.target}
          >
            Use a passkey
          </button>
          <p class="field-error" data-passkey-status role="status" aria-live="polite"></p>
        </section>
      ) : null}
      {coded.map((method) => (
        <section class="card stack" aria-labelledby={`two-factor-${method.method}`}>
          <h2 id={`two-factor-${method.method}`}>{HEADINGS[method.method] ?? method.method}</h2>
          {method.method === 'email' || method.method === 'sms' ? (
            <SendForm method={method} target={view.target} />
          ) : null}
          <CodeForm method={method} view={view} />
        </section>
      ))}
    </>
  );
}
