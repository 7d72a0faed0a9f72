/**
 * @module The other ways in, under the password form: the configured social providers (each a
 * link to the social start route that comes back to `/sign-in/social`), a passkey button (shown
 * by `passkeys.js` when the browser has WebAuthn; it needs script), and a form that mails a
 * sign-in link (the link opens in whichever browser reads the mail, so it signs in to the
 * account page rather than to this tab's `redirect`).
 */
import type { FlowlessConfig } from '../../config/flowless-config.js';
import { Field, type FieldErrors } from '../form-fields.js';
import { withRedirect } from './redirect-target.js';

const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  google: 'Google',
  github: 'GitHub',
  facebook: 'Facebook',
  apple: 'Apple',
  discord: 'Discord',
  microsoft: 'Microsoft',
};

/** The name a provider is shown with. */
export function providerName(id: string): string {
  return PROVIDER_NAMES[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}

/** The start of a social login that returns to the hosted result page with `target` kept. */
export function socialStartUrl(
  config: Pick<FlowlessConfig, 'PUBLIC_URL'>,
  id: string,
  target: string,
): string {
  const back = new URL(withRedirect('/sign-in/social', target), config.PUBLIC_URL).toString();
  return `/auth/social/${encodeURIComponent(id)}?redirect=${encodeURIComponent(back)}`;
}

/** What {@link SignInOptions} shows. */
export interface SignInOptionsProps {
  readonly config: FlowlessConfig;
  readonly providers: readonly string[];
  readonly target: string;
  readonly linkErrors?: FieldErrors | undefined;
  readonly linkEmail?: string | undefined;
}

/**
 * Social links, the passkey button and the sign-in-link form.
 */
export function SignInOptions(props: SignInOptionsProps) {
  const { config, providers, target } = props;
  return (
    <>
      {providers.length > 0 || config.TWO_FACTOR_ENABLED ? (
        <section class="card stack" aria-labelledby="other-ways">
          <h2 id="other-ways">Other ways to sign in</h2>
          {providers.map((id) => (
            <a class="button secondary sign-in-option" href={socialStartUrl(config, id, target)}>
              {`Continue with ${providerName(id)}`}
            </a>
          ))}
          {config.TWO_FACTOR_ENABLED ? (
            <div data-passkey-area hidden>
              <button
                type="button"
                class="secondary sign-in-option"
                id="passkey-sign-in"
                data-passkey="sign-in"
                data-redirect={target}
              >
                Sign in with a passkey
              </button>
              <p class="field-error" data-passkey-status role="status" aria-live="polite"></p>
            </div>
          ) : null}
        </section>
      ) : null}
      <section class="card" aria-labelledby="email-link">
        <h2 id="email-link">Sign in with a link by email</h2>
        <form method="post" action="/sign-in/link/request" id="sign-in-link-form" novalidate>
          <Field
            name="link_email"
            label="Email"
            type="email"
            autocomplete="email"
            required
            value={props.linkEmail}
            errors={props.linkErrors}
          />
          <button type="submit" class="secondary">
            Email me a sign-in link
          </button>
        </form>
      </section>
    </>
  );
}
