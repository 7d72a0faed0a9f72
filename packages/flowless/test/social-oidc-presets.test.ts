/**
 * The OIDC presets and ID-token sign-in end to end on PostgreSQL, MariaDB and libSQL, against
 * panva's oidc-provider on 127.0.0.1 mounted under a tenant path and configured to behave like
 * Microsoft Entra (no `email_verified`; `xms_edov` vouches for the address) and Sign in with Apple
 * (`response_mode=form_post`, `email_verified` as a string, the name only in the first callback's
 * `user` form field), and `login-api` with an ID token a mobile app obtained itself.
 */
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '../../../test/support/databases.js';
import { call, freshDatabase, type Harness, startFlowless } from './support/flowless-harness.js';
import { type OidcTestProvider, startOidcTestProvider } from './support/oidc-test-provider.js';
import { type Page, TestBrowser } from './support/test-browser.js';

const FLOWLESS = 'http://flowless.test';
const FRONTEND = 'https://app.example.test';
const TENANT = 'tenant-test';
const OTHER_RP = { clientId: 'another-relying-party', clientSecret: 'another-rp-secret-0123456789abcdef' };
const OTHER_REDIRECT = 'https://other-rp.example.test/cb';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(
    `Flowless Microsoft, Apple and ID-token login on ${dialect}`,
    () => {
      let h: Harness;
      let idp: OidcTestProvider;

      beforeAll(async () => {
        idp = await startOidcTestProvider(
          ['idp', 'microsoft', 'apple'].map((id) => `${FLOWLESS}/auth/social/${id}/callback`),
          { path: `/${TENANT}/v2.0`, otherClients: [{ ...OTHER_RP, redirectUris: [OTHER_REDIRECT] }] },
        );
        h = await startFlowless(await freshDatabase(dialect, 'flowless_social_presets'), {
          env: {
            PUBLIC_URL: FLOWLESS,
            OIDC_PROVIDERS: JSON.stringify([
              { id: 'idp', issuer: idp.issuer, client_id: idp.clientId, client_secret: idp.clientSecret },
            ]),
            SOCIAL_MICROSOFT_CLIENT_ID: idp.clientId,
            SOCIAL_MICROSOFT_CLIENT_SECRET: idp.clientSecret,
            SOCIAL_MICROSOFT_TENANT: TENANT,
            SOCIAL_MICROSOFT_AUTHORITY_URL: new URL(idp.issuer).origin,
            SOCIAL_APPLE_CLIENT_ID: idp.clientId,
            SOCIAL_APPLE_CLIENT_SECRET: idp.clientSecret,
            SOCIAL_APPLE_ISSUER: idp.issuer,
          },
        });
      });
      afterAll(async () => {
        await h.close();
        await h.handle.db.destroy();
        await idp.close();
      });

      const browser = () => new TestBrowser({ appOrigin: FLOWLESS, app: h.app, stopOrigins: [FRONTEND] });
      const outcome = (page: Page) => Object.fromEntries(page.url.searchParams);
      /** Start at Flowless, then the provider's login and consent pages; the page after consent. */
      const throughProvider = async (b: TestBrowser, provider: string, login: string, query = '') => {
        const loginPage = await b.navigate(`${FLOWLESS}/auth/social/${provider}${query}`);
        const consent = await b.submit(loginPage, { login, password: 'any' });
        return b.submit(consent, {});
      };
      /** A mobile app's own code flow at the provider with `client`; the ID token it receives. */
      const mobileIdToken = async (
        client: { clientId: string; clientSecret: string },
        redirectUri: string,
        login: string,
        nonce: string,
      ): Promise<{ idToken: string; accessToken: string }> => {
        const config = await oidc.discovery(
          new URL(idp.issuer),
          client.clientId,
          client.clientSecret,
          undefined,
          {
            execute: [oidc.allowInsecureRequests],
          },
        );
        const verifier = oidc.randomPKCECodeVerifier();
        const url = oidc.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: 'openid email profile',
          nonce,
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        });
        const b = new TestBrowser({ appOrigin: FLOWLESS, app: h.app });
        const loginPage = await b.navigate(url);
        const consent = await b.submit(loginPage, { login, password: 'any' });
        const stop = await b.submit(consent, {}, (to) => to.href.startsWith(redirectUri));
        const tokens = await oidc.authorizationCodeGrant(config, stop.url, {
          pkceCodeVerifier: verifier,
          expectedNonce: nonce,
          idTokenExpected: true,
        });
        return { idToken: tokens.id_token ?? '', accessToken: tokens.access_token };
      };

      it('Microsoft: the issuer is <authority>/<tenant>/v2.0, and xms_edov vouches for an address without email_verified', async () => {
        idp.accounts.set('ms-edov', {
          email: 'Mia@Contoso.test',
          emailVerified: undefined,
          extra: { xms_edov: true },
        });
        const b = browser();
        const done = await throughProvider(b, 'microsoft', 'ms-edov');
        expect(outcome(done)).toEqual({
          social_login: 'success',
          provider: 'microsoft',
          is_new_user: 'true',
        });
        expect(await h.services.users.findByEmail('mia@contoso.test')).toMatchObject({ isVerified: true });
      });

      it('Microsoft: an address with neither email_verified nor xms_edov (or xms_edov false) is email_not_verified', async () => {
        idp.accounts.set('ms-plain', { email: 'noel@contoso.test', emailVerified: undefined });
        idp.accounts.set('ms-false', {
          email: 'nora@contoso.test',
          emailVerified: undefined,
          extra: { xms_edov: false },
        });
        for (const [login, email] of [
          ['ms-plain', 'noel@contoso.test'],
          ['ms-false', 'nora@contoso.test'],
        ] as const) {
          const done = await throughProvider(browser(), 'microsoft', login);
          expect(outcome(done)).toEqual({
            social_login: 'error',
            error: 'email_not_verified',
            provider: 'microsoft',
          });
          expect(await h.services.users.findByEmail(email)).toBeNull();
        }
      });

      it('Apple: asks for response_mode=form_post, takes the POSTed callback, and the name from the first login’s user field only', async () => {
        idp.accounts.set('apple-ann', { email: 'ann@privaterelay.test', emailVerified: 'true', name: null });
        const start = await browser().request(new URL(`${FLOWLESS}/auth/social/apple`));
        expect(new URL(start.headers.get('location') ?? '').searchParams.get('response_mode')).toBe(
          'form_post',
        );
        const b = browser();
        const formPost = await throughProvider(b, 'apple', 'apple-ann');
        expect(formPost.status).toBe(200);
        expect(formPost.body).toContain(`action="${FLOWLESS}/auth/social/apple/callback"`);
        // The user field is unsigned: its address must not be used, only the name.
        const user = JSON.stringify({
          name: { firstName: 'Ann', lastName: 'Apple' },
          email: 'spoof@evil.test',
        });
        const done = await b.submit(formPost, { user });
        expect(outcome(done)).toEqual({ social_login: 'success', provider: 'apple', is_new_user: 'true' });
        expect(b.cookie(FLOWLESS, '__Host-session_id')).toBeDefined();
        expect(await h.services.users.findByEmail('ann@privaterelay.test')).toMatchObject({
          name: 'Ann Apple',
          isVerified: true,
        });
        expect(await h.services.users.findByEmail('spoof@evil.test')).toBeNull();
        // Later logins post no user field: the link signs in and the name stays.
        const later = browser();
        const again = await later.submit(await throughProvider(later, 'apple', 'apple-ann'), {});
        expect(outcome(again)).toEqual({ social_login: 'success', provider: 'apple' });
        expect((await h.services.users.findByEmail('ann@privaterelay.test'))?.name).toBe('Ann Apple');
      });

      it('Apple: email_verified "false" is email_not_verified on the POSTed callback', async () => {
        idp.accounts.set('apple-ben', { email: 'ben@privaterelay.test', emailVerified: 'false', name: null });
        const b = browser();
        const done = await b.submit(await throughProvider(b, 'apple', 'apple-ben'), {});
        expect(outcome(done)).toEqual({
          social_login: 'error',
          error: 'email_not_verified',
          provider: 'apple',
        });
      });

      it('login-api: signs in with an ID token issued to our client id, the address from userinfo when the token has none', async () => {
        idp.accounts.set('mobile-moe', { email: 'moe@example.test', emailVerified: true });
        const { idToken, accessToken } = await mobileIdToken(
          idp,
          `${FLOWLESS}/auth/social/idp/callback`,
          'mobile-moe',
          'n-0123456789',
        );
        // oidc-provider leaves the address out of an ID token issued with an access token.
        const bare = await call(h, 'POST', '/auth/social/idp/login-api', { body: { id_token: idToken } });
        expect(bare).toMatchObject({ status: 403, body: { code: 'ERR_FLOWLESS_SOCIAL_EMAIL_NOT_VERIFIED' } });
        const res = await call(h, 'POST', '/auth/social/idp/login-api', {
          body: { idToken, accessToken, nonce: 'n-0123456789' },
        });
        expect(res).toMatchObject({
          status: 200,
          body: { success: true, provider: 'idp', is_new_user: true, user: { email: 'moe@example.test' } },
        });
        const me = await call(h, 'GET', '/auth/user/me', { session: String(res.body.session_id) });
        expect(me.status).toBe(200);
        const wrongNonce = await call(h, 'POST', '/auth/social/idp/login-api', {
          body: { id_token: idToken, access_token: accessToken, nonce: 'another-nonce' },
        });
        expect(wrongNonce).toMatchObject({
          status: 400,
          body: { code: 'ERR_FLOWLESS_SOCIAL_ID_TOKEN_INVALID' },
        });
      });

      it('login-api: refuses an ID token issued to another client, a forged signature and alg none', async () => {
        idp.accounts.set('mobile-zed', { email: 'zed@example.test', emailVerified: true });
        const foreign = await mobileIdToken(OTHER_RP, OTHER_REDIRECT, 'mobile-zed', 'n-zed-0123456');
        const refused = await call(h, 'POST', '/auth/social/idp/login-api', {
          body: { id_token: foreign.idToken, access_token: foreign.accessToken },
        });
        expect(refused).toMatchObject({
          status: 400,
          body: { code: 'ERR_FLOWLESS_SOCIAL_ID_TOKEN_INVALID' },
        });
        const ours = await mobileIdToken(
          idp,
          `${FLOWLESS}/auth/social/idp/callback`,
          'mobile-zed',
          'n-zed-6543210',
        );
        const [header = '', payload = '', signature = ''] = ours.idToken.split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
        const altered = Buffer.from(JSON.stringify({ ...claims, email: 'victim@example.test' })).toString(
          'base64url',
        );
        const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        for (const idToken of [`${header}.${altered}.${signature}`, `${none}.${payload}.`]) {
          const res = await call(h, 'POST', '/auth/social/idp/login-api', {
            body: { id_token: idToken, access_token: ours.accessToken },
          });
          expect(res).toMatchObject({ status: 400, body: { code: 'ERR_FLOWLESS_SOCIAL_ID_TOKEN_INVALID' } });
        }
        expect(await h.services.users.findByEmail('zed@example.test')).toBeNull();
        expect(await h.services.users.findByEmail('victim@example.test')).toBeNull();
        const accessOnly = await call(h, 'POST', '/auth/social/idp/login-api', {
          body: { access_token: 'at' },
        });
        expect(accessOnly).toMatchObject({ status: 400, body: { code: 'ERR_FLOWLESS_BAD_REQUEST' } });
      });
    },
  );
}
