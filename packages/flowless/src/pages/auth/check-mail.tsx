/**
 * @module The "check your mail" answer of every step that mails a link (sign-in link, sign-up
 * with verification, forgotten password). It reads the same whether the address has an account.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { PageRouter } from '../page-router.js';

/**
 * Renders the page: `message` says what the mail holds.
 */
export function renderCheckMail(pages: PageRouter, c: Context<FlowlessEnv>, message: string) {
  return pages.render(
    c,
    { title: 'Check your mail', narrow: true },
    <>
      <h1>Check your mail</h1>
      <div class="notice success" role="status">
        {message}
      </div>
      <p class="muted">Nothing arrived? Look in the spam folder, or wait a minute and try again.</p>
      <p>
        <a href="/sign-in">Back to sign in</a>
      </p>
    </>,
  );
}
