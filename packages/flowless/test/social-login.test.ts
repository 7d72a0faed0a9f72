/**
 * Social login end to end on PostgreSQL, MariaDB and libSQL, against real servers on 127.0.0.1:
 * panva's oidc-provider (discovery, development login and consent pages, PKCE required) driven
 * through the whole code flow by a cookie-keeping client, and a GitHub-style OAuth 2.0 server.
 * Covers account creation, the linking rule, the answer modes, the redirect allow list, the
 * linked-accounts routes, and what is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import {
  call,
  countRows,
  freshDatabase,
  type Harness,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';
import { type GitHubTestServer, startGitHubTestServer } from './support/github-test-server.js';
import { type OidcTestProvider, startOidcTestProvider } from './support/oidc-test-provider.js';
import { type Page, TestBrowser } from './support/test-browser.js';

const FLOWLESS = 'http://flowless.test';
const FRONTEND = 'https://app.example.test';
const TOKEN_KEY = '11'.repeat(32);

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless social login on ${dialect}`, () => {
    let h: Harness;
    let idp: OidcTestProvider;
    let github: GitHubTestServer;

    beforeAll(async () => {
      idp = await startOidcTestProvider([`${FLOWLESS}/auth/social/idp/callback`]);
      github = await startGitHubTestServer();
      h = await startFlowless(await freshDatabase(dialect, 'flowless_social_flows'), {
        env: {
          PUBLIC_URL: FLOWLESS,
          ALLOWED_REDIRECT_URLS: `${FRONTEND}/reset,https://partner.example.test/after`,
          OIDC_PROVIDERS: JSON.stringify([
            { id: 'idp', issuer: idp.issuer, client_id: idp.clientId, client_secret: idp.clientSecret },
          ]),
          SOCIAL_GITHUB_CLIENT_ID: github.clientId,
          SOCIAL_GITHUB_CLIENT_SECRET: github.clientSecret,
          SOCIAL_GITHUB_URL: github.url,
          SOCIAL_GITHUB_API_URL: github.url,
          SOCIAL_STORE_PROVIDER_TOKENS: 'true',
          SOCIAL_TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
          TWO_FACTOR_REQUIRED_USER_TYPES: 'staff',
        },
      });
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
      await idp.close();
      await github.close();
    });

    const browser = () => new TestBrowser({ appOrigin: FLOWLESS, app: h.app, stopOrigins: [FRONTEND] });
    /** Runs the oidc-provider flow: start, its login page, its consent page, back to Flowless. */
    const idpLogin = async (b: TestBrowser, login: string, query = ''): Promise<Page> => {
      const loginPage = await b.navigate(`${FLOWLESS}/auth/social/idp${query}`);
      expect(loginPage.status).toBe(200);
      expect(loginPage.body).toContain('name="login"');
      const consent = await b.submit(loginPage, { login, password: 'any' });
      expect(consent.status).toBe(200);
      return b.submit(consent, {});
    };
    const outcome = (page: Page) => Object.fromEntries(page.url.searchParams);

    it('lists the configured providers with their start URLs, and all known ids with enabled flags', async () => {
      const res = await call(h, 'GET', '/auth/social/providers');
      expect(res.status).toBe(200);
      expect(res.body.providers).toEqual([
        expect.objectContaining({
          provider: 'github',
          type: 'oauth2',
          enabled: true,
          login_url: `${FLOWLESS}/auth/social/github/login`,
        }),
        expect.objectContaining({
          provider: 'idp',
          type: 'oidc',
          enabled: true,
          loginUrl: `${FLOWLESS}/auth/social/idp/login`,
        }),
      ]);
      expect(res.body.all_providers).toContainEqual({ provider: 'google', enabled: false });
      expect(res.body.all_providers).toContainEqual({ provider: 'github', enabled: true });
    });

    it('answers 404 ERR_FLOWLESS_SOCIAL_PROVIDER_UNKNOWN for a provider that is not configured', async () => {
      const res = await call(h, 'GET', '/auth/social/google/login');
      expect(res).toMatchObject({ status: 404, body: { code: 'ERR_FLOWLESS_SOCIAL_PROVIDER_UNKNOWN' } });
    });

    it('starts an OIDC login with PKCE S256, a 128-bit state and a nonce, bound by an HttpOnly cookie', async () => {
      const b = browser();
      const start = await b.request(new URL(`${FLOWLESS}/auth/social/idp`));
      expect(start.status).toBe(302);
      const to = new URL(start.headers.get('location') ?? '');
      expect(to.origin).toBe(idp.issuer);
      expect(to.searchParams.get('code_challenge_method')).toBe('S256');
      expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(to.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(to.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(to.searchParams.get('redirect_uri')).toBe(`${FLOWLESS}/auth/social/idp/callback`);
      expect(start.headers.getSetCookie().join('\n')).toMatch(
        /flowless_social=[^;]+;.*Path=\/auth\/social;.*HttpOnly/,
      );
      const json = await call(h, 'GET', '/auth/social/idp/login');
      expect(json.status).toBe(200);
      expect(json.body.url).toEqual(json.body.login_url);
      expect(String(json.body.url)).toContain(`${idp.issuer}/auth?`);
    });

    it('creates a verified account from an OIDC login with a verified email, sets the cookie and redirects to FRONTEND_URL/login', async () => {
      idp.accounts.set('carol', { email: 'Carol@Example.test', emailVerified: true, name: 'Carol' });
      const b = browser();
      const done = await idpLogin(b, 'carol');
      expect(`${done.url.origin}${done.url.pathname}`).toBe(`${FRONTEND}/login`);
      expect(outcome(done)).toEqual({ social_login: 'success', provider: 'idp', is_new_user: 'true' });
      const session = b.cookie(FLOWLESS, '__Host-session_id');
      expect(session).toBeDefined();
      const me = await call(h, 'GET', '/auth/user/me', { session: session ?? '' });
      expect(me.status).toBe(200);
      const user = await h.services.users.findByEmail('carol@example.test');
      expect(user).toMatchObject({ isVerified: true, passwordHash: null, name: 'Carol' });
      // Signing in again uses the link: no second account.
      const again = await idpLogin(browser(), 'carol');
      expect(outcome(again)).toEqual({ social_login: 'success', provider: 'idp' });
      const links = await h.handle.db
        .selectFrom('social_accounts')
        .selectAll()
        .where('user_id', '=', user?.id ?? '')
        .execute();
      expect(links).toHaveLength(1);
      expect(links[0]).toMatchObject({
        provider: 'idp',
        provider_user_id: 'carol',
        email: 'carol@example.test',
      });
      expect(links[0]?.access_token).toMatch(/^v1\./);
    });

    it('answers the login result as JSON with format=json, in both casings', async () => {
      idp.accounts.set('dave', { email: 'dave@example.test', emailVerified: true });
      const b = browser();
      const done = await idpLogin(b, 'dave', '?format=json');
      expect(done.status).toBe(200);
      const body = JSON.parse(done.body) as Record<string, unknown>;
      expect(body).toMatchObject({
        success: true,
        loginType: 'social_auth',
        provider: 'idp',
        is_new_user: true,
        user: { email: 'dave@example.test' },
      });
      expect(body.session_id).toEqual(body.sessionId);
      expect(body.expires_at).toEqual(body.expiresAt);
    });

    it('links an existing verified account automatically when the provider vouches for the email', async () => {
      const id = await seedUser(h, { email: 'erin@example.test', password: 'erin password 42' });
      idp.accounts.set('erin-at-idp', { email: 'erin@example.test', emailVerified: true });
      const done = await idpLogin(browser(), 'erin-at-idp');
      expect(outcome(done)).toEqual({ social_login: 'success', provider: 'idp' });
      const link = await h.handle.db
        .selectFrom('social_accounts')
        .select('user_id')
        .where('provider_user_id', '=', 'erin-at-idp')
        .executeTakeFirst();
      expect(link?.user_id).toBe(id);
    });

    it('a user who must pass a second factor gets a pending session from the callback, never an active one', async () => {
      await seedUser(h, { email: 'sam@example.test', password: 'sam staff password', userType: 'staff' });
      idp.accounts.set('sam-at-idp', { email: 'sam@example.test', emailVerified: true });
      const json = await idpLogin(browser(), 'sam-at-idp', '?format=json');
      const body = JSON.parse(json.body) as Record<string, unknown>;
      expect(body).toMatchObject({ success: false, requires_2fa: true, provider: 'idp' });
      const pending = String(body.session_id);
      expect((await call(h, 'GET', '/auth/validation', { session: pending })).status).toBe(401);
      const redirected = await idpLogin(browser(), 'sam-at-idp');
      expect(outcome(redirected)).toEqual({ social_login: 'success', provider: 'idp', requires_2fa: 'true' });
    });

    it('refuses to link onto an unverified local account (409 account_conflict) and creates no session', async () => {
      const reg = await call(h, 'POST', '/auth/register/public', {
        body: { email: 'frank@example.test', password: 'squatter password' },
      });
      expect(reg.status).toBe(201);
      idp.accounts.set('frank', { email: 'frank@example.test', emailVerified: true });
      const sessionsBefore = await countRows(h.handle, 'sessions');
      const b = browser();
      const done = await idpLogin(b, 'frank');
      expect(outcome(done)).toEqual({ social_login: 'error', error: 'account_conflict', provider: 'idp' });
      expect(b.cookie(FLOWLESS, '__Host-session_id')).toBeUndefined();
      expect(await countRows(h.handle, 'sessions')).toBe(sessionsBefore);
      const json = await idpLogin(browser(), 'frank', '?format=json');
      expect(json.status).toBe(409);
      expect(JSON.parse(json.body)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_ACCOUNT_CONFLICT' });
    });

    it('refuses an email the OIDC provider does not report as verified (email_not_verified)', async () => {
      idp.accounts.set('gina', { email: 'gina@example.test', emailVerified: false });
      const done = await idpLogin(browser(), 'gina');
      expect(outcome(done)).toEqual({ social_login: 'error', error: 'email_not_verified', provider: 'idp' });
      expect(await h.services.users.findByEmail('gina@example.test')).toBeNull();
      const json = await idpLogin(browser(), 'gina', '?format=json');
      expect(json.status).toBe(403);
      expect(JSON.parse(json.body)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_EMAIL_NOT_VERIFIED' });
    });

    it('redirects to error=cancelled when the user aborts at the provider', async () => {
      const b = browser();
      const loginPage = await b.navigate(`${FLOWLESS}/auth/social/idp`);
      const abort = loginPage.body.match(/href="([^"]*\/abort)"/)?.[1];
      expect(abort).toBeDefined();
      const done = await b.navigate(new URL(abort ?? '', loginPage.url));
      expect(outcome(done)).toEqual({ social_login: 'error', error: 'cancelled', provider: 'idp' });
    });

    it('honours an allow-listed redirect or a redirect_path, and sends anything else to FRONTEND_URL/login', async () => {
      idp.accounts.set('hank', { email: 'hank@example.test', emailVerified: true });
      const cases: [string, string][] = [
        [
          `?redirect=${encodeURIComponent('https://partner.example.test/after/x')}`,
          'https://partner.example.test/after/x',
        ],
        [`?redirect_path=${encodeURIComponent('/dashboard')}`, `${FRONTEND}/dashboard`],
        [`?redirect=${encodeURIComponent('https://evil.example/steal')}`, `${FRONTEND}/login`],
        [`?redirect_path=${encodeURIComponent('//evil.example/x')}`, `${FRONTEND}/login`],
        [`?redirect_path=${encodeURIComponent('/\\evil.example')}`, `${FRONTEND}/login`],
      ];
      for (const [query, expected] of cases) {
        const b = new TestBrowser({
          appOrigin: FLOWLESS,
          app: h.app,
          stopOrigins: [FRONTEND, 'https://partner.example.test', 'https://evil.example'],
        });
        const done = await idpLogin(b, 'hank', query);
        expect(`${done.url.origin}${done.url.pathname}`).toBe(expected);
        expect(done.url.searchParams.get('social_login')).toBe('success');
      }
    });

    it('ignores callback_mode=params unless SOCIAL_CALLBACK_PARAMS_MODE allows it: no session id in the URL', async () => {
      idp.accounts.set('ivy', { email: 'ivy@example.test', emailVerified: true });
      const done = await idpLogin(browser(), 'ivy', '?callback_mode=params');
      expect(done.url.searchParams.get('social_login')).toBe('success');
      expect(done.url.searchParams.has('session_id')).toBe(false);
    });

    it('GitHub: creates an account from the verified primary address, lists it, and refuses to unlink the last way to sign in', async () => {
      github.next = {
        id: 4242,
        login: 'octo',
        name: 'Octo Cat',
        emails: [
          { email: 'octo-secondary@example.test', primary: false, verified: true },
          { email: 'Octo@Example.test', primary: true, verified: true },
        ],
      };
      const b = browser();
      const done = await b.navigate(`${FLOWLESS}/auth/social/github`);
      expect(outcome(done)).toEqual({ social_login: 'success', provider: 'github', is_new_user: 'true' });
      const authorize = github.authorizeRequests.at(-1);
      expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
      const session = b.cookie(FLOWLESS, '__Host-session_id') ?? '';
      const list = await call(h, 'GET', '/auth/social/accounts', { session });
      expect(list.status).toBe(200);
      expect(list.body.accounts).toEqual([
        expect.objectContaining({ provider: 'github', provider_user_id: '4242', email: 'octo@example.test' }),
      ]);
      const refused = await call(h, 'DELETE', '/auth/social/accounts/github', { session });
      expect(refused).toMatchObject({ status: 409, body: { code: 'ERR_FLOWLESS_SOCIAL_LAST_LOGIN_METHOD' } });
      const missing = await call(h, 'DELETE', '/auth/social/accounts/idp', { session });
      expect(missing).toMatchObject({ status: 404, body: { code: 'ERR_FLOWLESS_SOCIAL_NOT_LINKED' } });
      expect((await call(h, 'GET', '/auth/social/accounts')).status).toBe(401);
    });

    it('GitHub: unlinks a provider from an account that still has a password', async () => {
      await seedUser(h, { email: 'pat@example.test', password: 'pat password 42' });
      github.next = {
        id: 77,
        login: 'pat',
        name: null,
        emails: [{ email: 'pat@example.test', primary: true, verified: true }],
      };
      const b = browser();
      const done = await b.navigate(`${FLOWLESS}/auth/social/github`);
      expect(outcome(done)).toEqual({ social_login: 'success', provider: 'github' });
      const session = b.cookie(FLOWLESS, '__Host-session_id') ?? '';
      const removed = await call(h, 'DELETE', '/auth/social/accounts/github', { session });
      expect(removed).toMatchObject({ status: 200, body: { success: true } });
      expect((await call(h, 'GET', '/auth/social/accounts', { session })).body.accounts).toEqual([]);
    });

    it('GitHub: refuses an unverified primary address even when another address is verified', async () => {
      github.next = {
        id: 99,
        login: 'sly',
        name: null,
        emails: [
          { email: 'sly-verified@example.test', primary: false, verified: true },
          { email: 'sly@example.test', primary: true, verified: false },
        ],
      };
      const done = await browser().navigate(`${FLOWLESS}/auth/social/github`);
      expect(outcome(done)).toEqual({
        social_login: 'error',
        error: 'email_not_verified',
        provider: 'github',
      });
    });

    it('GitHub: a denied authorization is error=cancelled, and an API outage is error=provider_unavailable', async () => {
      github.next = 'deny';
      expect(outcome(await browser().navigate(`${FLOWLESS}/auth/social/github`))).toMatchObject({
        error: 'cancelled',
      });
      github.next = {
        id: 5,
        login: 'down',
        name: null,
        emails: [{ email: 'down@example.test', primary: true, verified: true }],
      };
      github.apiDown = true;
      try {
        const json = await browser().navigate(`${FLOWLESS}/auth/social/github?format=json`);
        expect(json.status).toBe(503);
        expect(JSON.parse(json.body)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_PROVIDER_UNAVAILABLE' });
      } finally {
        github.apiDown = false;
      }
    });

    it('login-api: signs in with a GitHub token issued to this client, and refuses one issued to another app', async () => {
      const user = {
        id: 2024,
        login: 'mobile',
        name: 'Mo Bile',
        emails: [{ email: 'mobile@example.test', primary: true, verified: true }],
      };
      const ours = github.issueToken(user, github.clientId);
      const res = await call(h, 'POST', '/auth/social/github/login-api', { body: { access_token: ours } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        success: true,
        loginType: 'social_auth',
        provider: 'github',
        is_new_user: true,
        user: { email: 'mobile@example.test' },
      });
      expect(res.body.session_id).toEqual(res.body.sessionId);
      const again = await call(h, 'POST', '/auth/social/github/login-api', {
        body: { accessToken: github.issueToken(user, github.clientId) },
      });
      expect(again).toMatchObject({ status: 200, body: { is_new_user: false } });
      const foreign = github.issueToken(
        { ...user, id: 2025, emails: [{ email: 'other@example.test', primary: true, verified: true }] },
        'another-app',
      );
      const refused = await call(h, 'POST', '/auth/social/github/login-api', {
        body: { access_token: foreign },
      });
      expect(refused).toMatchObject({ status: 401, body: { code: 'ERR_FLOWLESS_SOCIAL_TOKEN_REJECTED' } });
      expect(await h.services.users.findByEmail('other@example.test')).toBeNull();
      const oidc = await call(h, 'POST', '/auth/social/idp/login-api', {
        body: { access_token: 'whatever' },
      });
      expect(oidc).toMatchObject({ status: 400, body: { code: 'ERR_FLOWLESS_BAD_REQUEST' } });
      expect((await call(h, 'POST', '/auth/social/github/login-api', { body: {} })).status).toBe(400);
    });
  });
}
