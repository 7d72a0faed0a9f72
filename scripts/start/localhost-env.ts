/**
 * @module The variables that let a browser use the auth server's hosted pages and a backend's
 * console on `localhost` (two ports of one host): the pages are the front end, sign-in may return
 * to the console, whose sign-out form posts back, and passkeys belong to `localhost` (a secure
 * context over plain http, where 127.0.0.1 is not a valid relying-party id). `npm start` and the
 * browser test suites share it.
 */

/** The auth server's variables, given the browser-facing URLs of it and of the console. */
export function localhostAuthEnv(authPublicUrl: string, consolePublicUrl: string): Record<string, string> {
  return {
    FRONTEND_URL: authPublicUrl,
    CORS_ORIGINS: consolePublicUrl,
    ALLOWED_REDIRECT_URLS: `${consolePublicUrl}/`,
    WEBAUTHN_RP_ID: 'localhost',
    WEBAUTHN_ORIGINS: authPublicUrl,
  };
}
