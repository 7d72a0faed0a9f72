/**
 * @module The sign-in pages (registered by registerPages()): sign-in with its other ways in
 * (social, passkey, link by email), the second factor, sign-up, the forgotten-password pair, and
 * the pages mail links and social logins land on. See docs/hosted-pages.md, "Sign-in pages".
 */
import type { PageRouter } from '../page-router.js';
import { registerLinkPages } from './link-pages.js';
import { registerPasswordPages } from './password-pages.js';
import { registerResendVerification } from './resend-verification.js';
import { registerSignInPage } from './sign-in-page.js';
import { registerSignUpPage } from './sign-up-page.js';
import { registerTwoFactorPage } from './two-factor-page.js';

/**
 * Registers the sign-in pages.
 */
export function registerAuthPages(pages: PageRouter): void {
  const renderSignIn = registerSignInPage(pages);
  registerTwoFactorPage(pages);
  registerSignUpPage(pages);
  registerPasswordPages(pages);
  registerLinkPages(pages, renderSignIn);
  registerResendVerification(pages, renderSignIn);
}
