/**
 * @module The factor sections of `/account/security`: the authenticator app (on, with its remove
 * link, or a button to set one up) and the passkeys (each with its remove link, and the button
 * `passkeys.js` turns into a passkey registration through the JSON passkey routes).
 */
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import { type FieldErrors, FormError } from '../form-fields.js';
import { formatTime } from './account-kit.js';

/** Where `passkeys.js` asks for creation options and sends the new passkey. */
const PASSKEY_OPTIONS_URL = '/auth/two_factor/passkey/setup';
const PASSKEY_VERIFY_URL = '/auth/two_factor/verify';

/**
 * The authenticator app: its state and the action that fits it.
 */
export function TotpSection(props: {
  totp: TwoFactorMethodRecord | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { totp } = props;
  return (
    <section class="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Authenticator app</h2>
      <FormError errors={props.errors} />
      {totp ? (
        <>
          <p>
            <span class="badge on">On</span>{' '}
            {`Added ${formatTime(totp.createdAt)}, last used ${formatTime(totp.lastUsedAt)}.`}
          </p>
          <form method="get" action="/account/security/remove">
            <input type="hidden" name="method" value={totp.id} />
            <button type="submit" class="secondary">
              Remove authenticator app
            </button>
          </form>
        </>
      ) : (
        <form id="totp-setup-form" method="post" action="/account/security/totp/setup">
          <p>Use an app such as a password manager or an authenticator to get sign-in codes.</p>
          <button type="submit">Set up an authenticator app</button>
        </form>
      )}
    </section>
  );
}

/**
 * The passkeys, each removable, and the button that adds one (needs script: WebAuthn is a browser API).
 */
export function PasskeySection({ passkeys }: { passkeys: readonly TwoFactorMethodRecord[] }) {
  return (
    <section class="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      {passkeys.length === 0 ? (
        <p class="muted">No passkeys yet.</p>
      ) : (
        <ul class="factor-list" id="passkey-list">
          {passkeys.map((passkey) => (
            <li>
              <strong>{passkey.identifier ?? 'Passkey'}</strong>
              <span class="muted">{` added ${formatTime(passkey.createdAt)}, last used ${formatTime(passkey.lastUsedAt)}`}</span>
              <form method="get" action="/account/security/remove">
                <input type="hidden" name="method" value={passkey.id} />
                <button
                  type="submit"
                  class="secondary"
                  aria-label={`Remove passkey ${passkey.identifier ?? ''}`}
                >
                  Remove
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <p data-passkey-status="" role="status" />
      <button
        type="button"
        id="add-passkey"
        data-passkey="register"
        data-options-url={PASSKEY_OPTIONS_URL}
        data-verify-url={PASSKEY_VERIFY_URL}
      >
        Add a passkey
      </button>
      <noscript>
        <p class="muted">Adding a passkey needs JavaScript.</p>
      </noscript>
    </section>
  );
}
