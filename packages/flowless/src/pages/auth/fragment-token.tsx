/**
 * @module Mail links carry their token in the URL fragment (`#token=…`), which browsers send to
 * no server. A landing page reads it with a few lines of inline script, keeps it in the tab's
 * `sessionStorage` (so a form shown again after a refused password still has it, without the
 * server ever echoing it), takes it out of the address bar, and puts it in the page's hidden
 * `token` field.
 */

/** The pages that take a token from their link. */
export type TokenPurpose = 'reset' | 'verify' | 'link';

/**
 * The inline script that fills `input[name="token"]` for `purpose`.
 */
export function fragmentTokenScript(purpose: TokenPurpose): string {
  return `(() => {
  const key = 'flowless:${purpose}-token';
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(key, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(key) || '';
  for (const input of document.querySelectorAll('input[name="token"]')) input.value = token;
})();`;
}

/** The hidden field the script fills, and what a browser without script is told. */
export function TokenField() {
  return (
    <>
      <input type="hidden" name="token" value="" />
      <noscript>
        <p class="notice error">This page needs JavaScript to read the link from your mail.</p>
      </noscript>
    </>
  );
}
