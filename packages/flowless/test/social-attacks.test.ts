/**
 * Attacks on social login, each refused with its own code, on PostgreSQL, MariaDB and libSQL,
 * against real servers on 127.0.0.1: oidc-provider and a GitHub-style server for the state, PKCE
 * and nonce checks, and an OIDC provider that signs bad ID tokens on demand for the issuer,
 * audience, expiry and `alg: none` checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { sha256Hex } from '../src/secrets/opaque-secret.js';
import { countRows, freshDatabase, type Harness, startFlowless } from './support/flowless-harness.js';
import { type GitHubTestServer, startGitHubTestServer } from './support/github-test-server.js';
import {
  type HostileMode,
  type HostileOidcServer,
  startHostileOidcServer,
} from './support/hostile-oidc-server.js';
import { type OidcTestProvider, startOidcTestProvider } from './support/oidc-test-provider.js';
import { type Page, TestBrowser } from './support/test-browser.js';

const FLOWLESS = 'http://flowless.test';
const FRONTEND = 'https://app.example.test';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless social login attacks on ${dialect}`, () => {
    let h: Harness;
    let idp: OidcTestProvider;
    let github: GitHubTestServer;
    let hostile: HostileOidcServer;

    beforeAll(async () => {
      idp = await startOidcTestProvider([`${FLOWLESS}/auth/social/idp/callback`]);
      github = await startGitHubTestServer();
      hostile = await startHostileOidcServer();
      h = await startFlowless(await freshDatabase(dialect, 'flowless_social_attacks'), {
        env: {
          PUBLIC_URL: FLOWLESS,
          OIDC_PROVIDERS: JSON.stringify([
            { id: 'idp', issuer: idp.issuer, client_id: idp.clientId, client_secret: idp.clientSecret },
            {
              id: 'hostile',
              issuer: hostile.issuer,
              client_id: hostile.clientId,
              client_secret: hostile.clientSecret,
            },
            // Nothing listens on port 1.
            { id: 'down', issuer: 'http://127.0.0.1:1', client_id: 'x', client_secret: 'y' },
          ]),
          SOCIAL_GITHUB_CLIENT_ID: github.clientId,
          SOCIAL_GITHUB_CLIENT_SECRET: github.clientSecret,
          SOCIAL_GITHUB_URL: github.url,
          SOCIAL_GITHUB_API_URL: github.url,
        },
      });
      idp.accounts.set('victim', { email: 'victim@example.test', emailVerified: true });
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
      await Promise.all([idp.close(), github.close(), hostile.close()]);
    });

    const browser = () => new TestBrowser({ appOrigin: FLOWLESS, app: h.app, stopOrigins: [FRONTEND] });
    const isCallback = (url: URL) => url.origin === FLOWLESS && url.pathname.endsWith('/callback');
    const outcome = (page: Page) => Object.fromEntries(page.url.searchParams);
    const json = (page: Page) => JSON.parse(page.body) as Record<string, unknown>;
    const withParams = (url: URL, params: Record<string, string>) => {
      const copy = new URL(url);
      for (const [key, value] of Object.entries(params)) copy.searchParams.set(key, value);
      return copy;
    };
    /** GitHub flow up to (not into) the callback: the callback URL and the browser holding the binding cookie. */
    const githubToCallback = async (query = '') => {
      github.next = {
        id: 31337,
        login: 'victim',
        name: null,
        emails: [{ email: 'gh-victim@example.test', primary: true, verified: true }],
      };
      const b = browser();
      const stop = await b.navigate(`${FLOWLESS}/auth/social/github${query}`, { stopAt: isCallback });
      expect(stop.url.searchParams.get('code')).toBeTruthy();
      return { b, callback: stop.url };
    };
    /** oidc-provider flow up to the callback. */
    const idpToCallback = async (query = '') => {
      const b = browser();
      const loginPage = await b.navigate(`${FLOWLESS}/auth/social/idp${query}`);
      const consent = await b.submit(loginPage, { login: 'victim', password: 'any' });
      const stop = await b.submit(consent, {}, isCallback);
      expect(stop.url.searchParams.get('code')).toBeTruthy();
      return { b, callback: stop.url };
    };
    /** A started login's state, from the provider URL the start route redirected to. */
    const startedState = async (b: TestBrowser, provider: string) => {
      const start = await b.request(new URL(`${FLOWLESS}/auth/social/${provider}`));
      return new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    };

    it('a callback delivered to another browser fails with state_mismatch (login CSRF)', async () => {
      const { callback } = await githubToCallback();
      const other = browser();
      expect(outcome(await other.navigate(callback))).toEqual({
        social_login: 'error',
        error: 'state_mismatch',
        provider: 'github',
      });
      // A browser that started a login of its own holds a different binding cookie.
      const { callback: second } = await idpToCallback('?format=json');
      const busy = browser();
      await startedState(busy, 'idp');
      const res = await busy.navigate(second);
      expect(res.status).toBe(400);
      expect(json(res)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_STATE_MISMATCH' });
    });

    it('an altered or missing state fails with state_invalid', async () => {
      const { b, callback } = await githubToCallback();
      expect(outcome(await b.navigate(withParams(callback, { state: 'A'.repeat(22) })))).toMatchObject({
        error: 'state_invalid',
      });
      const res = await b.navigate(`${FLOWLESS}/auth/social/github/callback?code=x&format=json`);
      expect(json(res)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_STATE_INVALID' });
    });

    it('a replayed callback fails with state_invalid, even with the binding cookie put back', async () => {
      const { b, callback } = await githubToCallback();
      const binding = b.cookie(FLOWLESS, 'flowless_social') ?? '';
      expect(outcome(await b.navigate(callback))).toMatchObject({ social_login: 'success' });
      b.setCookie(FLOWLESS, 'flowless_social', binding);
      expect(outcome(await b.navigate(callback))).toEqual({
        social_login: 'error',
        error: 'state_invalid',
        provider: 'github',
      });
    });

    it('five concurrent uses of one callback make exactly one session', async () => {
      const { b, callback } = await idpToCallback('?format=json');
      const before = await countRows(h.handle, 'sessions');
      const results = await Promise.all(Array.from({ length: 5 }, () => b.request(callback)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      // A loser that reads the row after the winner deleted it no longer knows the login asked
      // for JSON, and answers in the default cookie mode: a redirect with the same reason.
      const reasons = results
        .filter((r) => r.status !== 200)
        .map((r) =>
          r.status === 302
            ? new URL(r.headers.get('location') ?? '').searchParams.get('error')
            : json(r).reason,
        );
      expect(reasons).toEqual(Array(4).fill('state_invalid'));
      expect(await countRows(h.handle, 'sessions')).toBe(before + 1);
    });

    it('a state lives 10 minutes: an older one fails with state_expired', async () => {
      const { b, callback } = await githubToCallback();
      const stateHash = sha256Hex(callback.searchParams.get('state') ?? '');
      const row = await h.handle.db
        .selectFrom('social_login_states')
        .selectAll()
        .where('state_hash', '=', stateHash)
        .executeTakeFirstOrThrow();
      expect(Number(row.expires_at) - Number(row.created_at)).toBe(600_000);
      await h.handle.db
        .updateTable('social_login_states')
        .set({ expires_at: Date.now() - 1 })
        .where('state_hash', '=', stateHash)
        .execute();
      expect(outcome(await b.navigate(callback))).toMatchObject({ error: 'state_expired' });
    });

    it("a code injected into another login is redeemed with that login's PKCE verifier and refused (code_rejected)", async () => {
      for (const [provider, toCallback] of [
        ['idp', idpToCallback],
        ['github', githubToCallback],
      ] as const) {
        const { callback: stolen } = await toCallback();
        const attacker = browser();
        const attackerState = await startedState(attacker, provider);
        const injected = withParams(stolen, { state: attackerState, format: 'json' });
        const res = await attacker.navigate(injected);
        expect(res.status).toBe(400);
        expect(json(res)).toMatchObject({
          code: 'ERR_FLOWLESS_SOCIAL_CODE_REJECTED',
          reason: 'code_rejected',
        });
      }
    });

    it('the code alone is useless: the provider refuses it without the PKCE verifier', async () => {
      const { callback } = await idpToCallback();
      const res = await fetch(`${idp.issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${idp.clientId}:${idp.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: callback.searchParams.get('code') ?? '',
          redirect_uri: `${FLOWLESS}/auth/social/idp/callback`,
        }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('an ID token whose nonce is not the login’s fails with id_token_invalid', async () => {
      const { b, callback } = await idpToCallback();
      const stateHash = sha256Hex(callback.searchParams.get('state') ?? '');
      await h.handle.db
        .updateTable('social_login_states')
        .set({ nonce: 'A'.repeat(22) })
        .where('state_hash', '=', stateHash)
        .execute();
      expect(outcome(await b.navigate(callback))).toMatchObject({ error: 'id_token_invalid' });
    });

    it('accepts a correct ID token from the misbehaving provider (control)', async () => {
      hostile.mode = 'ok';
      const res = await browser().navigate(`${FLOWLESS}/auth/social/hostile?format=json`);
      expect(res.status).toBe(200);
      expect(json(res)).toMatchObject({ success: true, user: { email: 'hostile@example.test' } });
    });

    for (const mode of [
      'wrong_issuer',
      'wrong_audience',
      'expired',
      'alg_none',
      'wrong_nonce',
    ] satisfies HostileMode[]) {
      it(`refuses an ID token with ${mode.replace('_', ' ')}: id_token_invalid, no session`, async () => {
        hostile.mode = mode;
        const before = await countRows(h.handle, 'sessions');
        const res = await browser().navigate(`${FLOWLESS}/auth/social/hostile?format=json`);
        expect(res.status).toBe(400);
        expect(json(res)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_ID_TOKEN_INVALID' });
        expect(await countRows(h.handle, 'sessions')).toBe(before);
        const page = await browser().navigate(`${FLOWLESS}/auth/social/hostile`);
        expect(outcome(page)).toEqual({
          social_login: 'error',
          error: 'id_token_invalid',
          provider: 'hostile',
        });
      });
    }

    it('a provider that cannot be reached answers 503 provider_unavailable', async () => {
      const res = await browser().navigate(`${FLOWLESS}/auth/social/down/login`);
      expect(res.status).toBe(503);
      expect(json(res)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_PROVIDER_UNAVAILABLE' });
    });
  });
}
