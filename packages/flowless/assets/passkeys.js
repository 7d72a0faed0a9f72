// Flowless hosted pages: the browser half of passkeys, on top of webauthn.js (@simplewebauthn/browser,
// the SimpleWebAuthnBrowser global) and the JSON passkey routes, called with the page's own cookie.
// A page marks its buttons:
// - <button data-passkey="sign-in" data-redirect="/account">: sign in with a passkey alone
//   (/auth/passkey/login/options, then /auth/passkey/login), then go to data-redirect.
// - <button data-passkey="second-factor" data-redirect="...">: the passkey as the second factor of
//   a pending sign-in (/auth/two_factor/passkey/start, then /auth/two_factor/verify).
// - <button data-passkey="register">: add a passkey to the signed-in account
//   (/auth/two_factor/passkey/setup, then /auth/two_factor/verify with action setup), named by
//   data-passkey-name or a passkey_name field of its form; then the page reloads. When it was the
//   first second factor, the backup codes are shown first (they are shown once).
// Elements with data-passkey-area stay hidden unless the browser has WebAuthn; the outcome is
// written to the [data-passkey-status] element beside the button.
(() => {
  const webauthn = window.SimpleWebAuthnBrowser;
  if (!webauthn?.browserSupportsWebAuthn()) return;
  for (const area of document.querySelectorAll('[data-passkey-area]')) area.hidden = false;

  const post = async (path, body) => {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || answer.success === false) {
      throw new Error(answer.message || answer.error || 'The passkey was not accepted.');
    }
    return answer;
  };

  const flows = {
    'sign-in': async () => {
      const { options } = await post('/auth/passkey/login/options');
      const credential = await webauthn.startAuthentication({ optionsJSON: options });
      return post('/auth/passkey/login', { credential });
    },
    'second-factor': async () => {
      const { options } = await post('/auth/two_factor/passkey/start');
      const credential = await webauthn.startAuthentication({ optionsJSON: options });
      return post('/auth/two_factor/verify', { method: 'passkey', action: 'login', credential });
    },
    register: async (button) => {
      const name =
        button.dataset.passkeyName || button.form?.elements.namedItem('passkey_name')?.value || undefined;
      const { options } = await post('/auth/two_factor/passkey/setup', name ? { name } : {});
      const credential = await webauthn.startRegistration({ optionsJSON: options });
      return post('/auth/two_factor/verify', { method: 'passkey', action: 'setup', credential, name });
    },
  };

  const finish = (button, status, answer) => {
    if (button.dataset.passkey !== 'register') {
      window.location.assign(button.dataset.redirect || '/account');
    } else if (Array.isArray(answer.backup_codes) && status) {
      status.textContent = `Passkey added. Save these backup codes now, they are shown once: ${answer.backup_codes.join(' ')}`;
      button.textContent = 'I saved them, continue';
      button.dataset.passkey = 'reload';
      button.disabled = false;
    } else {
      window.location.reload();
    }
  };

  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-passkey]') : null;
    if (!button) return;
    if (button.dataset.passkey === 'reload') return window.location.reload();
    const flow = flows[button.dataset.passkey];
    if (!flow) return;
    event.preventDefault();
    const status = button.parentElement?.querySelector('[data-passkey-status]');
    if (status) status.textContent = '';
    button.disabled = true;
    try {
      finish(button, status, await flow(button));
    } catch (error) {
      button.disabled = false;
      if (status) {
        status.textContent =
          error?.name === 'NotAllowedError' ? 'No passkey was used (cancelled or timed out).' : error.message;
      }
    }
  });
})();
