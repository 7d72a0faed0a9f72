/**
 * Discord and Facebook social login end to end on PostgreSQL, MariaDB and libSQL, against local
 * Discord-style and Facebook-style servers on 127.0.0.1: the full callback flow with PKCE, the
 * verified-email rule (Discord's `verified` flag; Facebook sends only confirmed addresses), the
 * linking rule, cancellation, and `login-api` with tokens issued to this app or to another one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '../../../test/support/databases.js';
import { type DiscordTestServer, startDiscordTestServer } from './support/discord-test-server.js';
import { type FacebookTestServer, startFacebookTestServer } from './support/facebook-test-server.js';
import {
  call,
  countRows,
  freshDatabase,
  type Harness,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';
import { type Page, TestBrowser } from './support/test-browser.js';

const FLOWLESS = 'http://flowless.test';
const FRONTEND = 'https://app.example.test';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless Discord and Facebook login on ${dialect}`, () => {
    let h: Harness;
    let discord: DiscordTestServer;
    let facebook: FacebookTestServer;

    beforeAll(async () => {
      discord = await startDiscordTestServer();
      facebook = await startFacebookTestServer();
      h = await startFlowless(await freshDatabase(dialect, 'flowless_social_oauth'), {
        env: {
          PUBLIC_URL: FLOWLESS,
          SOCIAL_DISCORD_CLIENT_ID: discord.clientId,
          SOCIAL_DISCORD_CLIENT_SECRET: discord.clientSecret,
          SOCIAL_DISCORD_URL: discord.url,
          SOCIAL_FACEBOOK_CLIENT_ID: facebook.appId,
          SOCIAL_FACEBOOK_CLIENT_SECRET: facebook.appSecret,
          SOCIAL_FACEBOOK_URL: facebook.url,
          SOCIAL_FACEBOOK_GRAPH_URL: facebook.url,
        },
      });
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
      await Promise.all([discord.close(), facebook.close()]);
    });

    const browser = () => new TestBrowser({ appOrigin: FLOWLESS, app: h.app, stopOrigins: [FRONTEND] });
    const outcome = (page: Page) => Object.fromEntries(page.url.searchParams);
    const login = (provider: string, query = '') =>
      browser().navigate(`${FLOWLESS}/auth/social/${provider}${query}`);
    const linkOf = (provider: string, subject: string) =>
      h.handle.db
        .selectFrom('social_accounts')
        .select(['user_id', 'email'])
        .where('provider', '=', provider)
        .where('provider_user_id', '=', subject)
        .executeTakeFirst();

    it('lists Discord and Facebook as enabled OAuth 2.0 providers', async () => {
      const res = await call(h, 'GET', '/auth/social/providers');
      expect(res.body.providers).toEqual([
        expect.objectContaining({ provider: 'discord', type: 'oauth2', enabled: true }),
        expect.objectContaining({ provider: 'facebook', type: 'oauth2', enabled: true }),
      ]);
      expect(res.body.all_providers).toContainEqual({ provider: 'discord', enabled: true });
      expect(res.body.all_providers).toContainEqual({ provider: 'facebook', enabled: true });
    });

    it('starts Discord and Facebook logins with PKCE S256, a state and their scopes', async () => {
      for (const [provider, scope] of [
        ['discord', 'identify email'],
        ['facebook', 'email public_profile'],
      ] as const) {
        const start = await browser().request(new URL(`${FLOWLESS}/auth/social/${provider}`));
        const to = new URL(start.headers.get('location') ?? '');
        expect(to.pathname).toBe(provider === 'discord' ? '/oauth2/authorize' : '/dialog/oauth');
        expect(to.searchParams.get('code_challenge_method')).toBe('S256');
        expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(to.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(to.searchParams.get('scope')).toBe(scope);
        expect(to.searchParams.get('redirect_uri')).toBe(`${FLOWLESS}/auth/social/${provider}/callback`);
      }
    });

    it('Discord: creates a verified account from a verified address, then signs in through the link', async () => {
      discord.next = {
        id: '80351110224678912',
        username: 'nelly',
        email: 'Nelly@Example.test',
        verified: true,
      };
      const b = browser();
      const done = await b.navigate(`${FLOWLESS}/auth/social/discord`);
      expect(`${done.url.origin}${done.url.pathname}`).toBe(`${FRONTEND}/login`);
      expect(outcome(done)).toEqual({ social_login: 'success', provider: 'discord', is_new_user: 'true' });
      const me = await call(h, 'GET', '/auth/user/me', {
        session: b.cookie(FLOWLESS, '__Host-session_id') ?? '',
      });
      expect(me.status).toBe(200);
      const user = await h.services.users.findByEmail('nelly@example.test');
      expect(user).toMatchObject({ isVerified: true, passwordHash: null, name: 'nelly' });
      expect(await linkOf('discord', '80351110224678912')).toEqual({
        user_id: user?.id,
        email: 'nelly@example.test',
      });
      const again = await login('discord', '?format=json');
      expect(JSON.parse(again.body)).toMatchObject({
        success: true,
        provider: 'discord',
        is_new_user: false,
      });
    });

    it('Discord: refuses an address Discord has not verified (email_not_verified), and creates nothing', async () => {
      discord.next = { id: '80351110224678913', username: 'vic', email: 'vic@example.test', verified: false };
      const done = await login('discord');
      expect(outcome(done)).toEqual({
        social_login: 'error',
        error: 'email_not_verified',
        provider: 'discord',
      });
      expect(await h.services.users.findByEmail('vic@example.test')).toBeNull();
      // The unverified Discord address is not linked onto an existing verified account either.
      const id = await seedUser(h, { email: 'vic@example.test', password: 'vic local password' });
      const json = await login('discord', '?format=json');
      expect(json.status).toBe(403);
      expect(JSON.parse(json.body)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_EMAIL_NOT_VERIFIED' });
      expect(await linkOf('discord', '80351110224678913')).toBeUndefined();
      expect(id).toBeTruthy();
    });

    it('Discord: links a verified local account, but never an unverified one (account_conflict)', async () => {
      const id = await seedUser(h, { email: 'olga@example.test', password: 'olga local password' });
      discord.next = {
        id: '80351110224678914',
        username: 'olga',
        email: 'olga@example.test',
        verified: true,
      };
      expect(outcome(await login('discord'))).toEqual({ social_login: 'success', provider: 'discord' });
      expect((await linkOf('discord', '80351110224678914'))?.user_id).toBe(id);
      const reg = await call(h, 'POST', '/auth/register/public', {
        body: { email: 'pete@example.test', password: 'squatter password' },
      });
      expect(reg.status).toBe(201);
      discord.next = {
        id: '80351110224678915',
        username: 'pete',
        email: 'pete@example.test',
        verified: true,
      };
      const sessions = await countRows(h.handle, 'sessions');
      expect(outcome(await login('discord'))).toEqual({
        social_login: 'error',
        error: 'account_conflict',
        provider: 'discord',
      });
      expect(await countRows(h.handle, 'sessions')).toBe(sessions);
    });

    it('Discord and Facebook: a denied authorization is error=cancelled', async () => {
      discord.next = 'deny';
      facebook.next = 'deny';
      for (const provider of ['discord', 'facebook']) {
        expect(outcome(await login(provider))).toEqual({
          social_login: 'error',
          error: 'cancelled',
          provider,
        });
      }
    });

    it('Facebook: creates an account from the confirmed address Graph returns, with the secret in the form body', async () => {
      facebook.next = { id: '10150000000000001', name: 'Quinn Fb', email: 'quinn@example.test' };
      const b = browser();
      const done = await b.navigate(`${FLOWLESS}/auth/social/facebook`);
      expect(outcome(done)).toEqual({ social_login: 'success', provider: 'facebook', is_new_user: 'true' });
      expect(b.cookie(FLOWLESS, '__Host-session_id')).toBeDefined();
      const user = await h.services.users.findByEmail('quinn@example.test');
      expect(user).toMatchObject({ isVerified: true, name: 'Quinn Fb' });
      expect((await linkOf('facebook', '10150000000000001'))?.user_id).toBe(user?.id);
    });

    it('Facebook: no confirmed address is email_not_verified; an unverified local account is not linked', async () => {
      facebook.next = { id: '10150000000000002', name: 'No Mail', email: null };
      expect(outcome(await login('facebook'))).toEqual({
        social_login: 'error',
        error: 'email_not_verified',
        provider: 'facebook',
      });
      await call(h, 'POST', '/auth/register/public', {
        body: { email: 'rita@example.test', password: 'squatter password' },
      });
      facebook.next = { id: '10150000000000003', name: 'Rita', email: 'rita@example.test' };
      const json = await login('facebook', '?format=json');
      expect(json.status).toBe(409);
      expect(JSON.parse(json.body)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_ACCOUNT_CONFLICT' });
      expect(await linkOf('facebook', '10150000000000003')).toBeUndefined();
    });

    it('Facebook: a code replayed into another login is refused by Graph (400 code_rejected), no session', async () => {
      facebook.next = { id: '10150000000000004', name: 'Sid', email: 'sid@example.test' };
      const isCallback = (url: URL) => url.origin === FLOWLESS && url.pathname.endsWith('/callback');
      const a = browser();
      const stop = await a.navigate(`${FLOWLESS}/auth/social/facebook`, { stopAt: isCallback });
      const code = stop.url.searchParams.get('code') ?? '';
      expect(outcome(await a.navigate(stop.url))).toMatchObject({ social_login: 'success' });
      const b = browser();
      const start = await b.request(new URL(`${FLOWLESS}/auth/social/facebook`));
      const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
      const sessions = await countRows(h.handle, 'sessions');
      const replay = await b.request(
        new URL(`${FLOWLESS}/auth/social/facebook/callback?code=${code}&state=${state}&format=json`),
      );
      expect(replay.status).toBe(400);
      expect(JSON.parse(replay.body)).toMatchObject({ code: 'ERR_FLOWLESS_SOCIAL_CODE_REJECTED' });
      expect(await countRows(h.handle, 'sessions')).toBe(sessions);
    });

    it('login-api: Discord takes a token granted to this application and refuses one granted to another', async () => {
      const user = { id: '80351110224678999', username: 'mobi', email: 'mobi@example.test', verified: true };
      const ours = await call(h, 'POST', '/auth/social/discord/login-api', {
        body: { access_token: discord.issueToken(user, discord.clientId) },
      });
      expect(ours).toMatchObject({
        status: 200,
        body: { success: true, provider: 'discord', is_new_user: true, user: { email: 'mobi@example.test' } },
      });
      const other = { ...user, id: '80351110224678998', email: 'other-discord@example.test' };
      const foreign = await call(h, 'POST', '/auth/social/discord/login-api', {
        body: { access_token: discord.issueToken(other, '1199999999999999999') },
      });
      expect(foreign).toMatchObject({ status: 401, body: { code: 'ERR_FLOWLESS_SOCIAL_TOKEN_REJECTED' } });
      const bogus = await call(h, 'POST', '/auth/social/discord/login-api', {
        body: { access_token: 'nope' },
      });
      expect(bogus).toMatchObject({ status: 401, body: { code: 'ERR_FLOWLESS_SOCIAL_TOKEN_REJECTED' } });
      expect(await h.services.users.findByEmail('other-discord@example.test')).toBeNull();
    });

    it('login-api: Facebook checks the token with debug_token and refuses another app’s or an invalid token', async () => {
      const user = { id: '10150000000000099', name: 'Mo Fb', email: 'mofb@example.test' };
      const calls = facebook.debugTokenCalls;
      const ours = await call(h, 'POST', '/auth/social/facebook/login-api', {
        body: { accessToken: facebook.issueToken(user, facebook.appId) },
      });
      expect(ours).toMatchObject({ status: 200, body: { provider: 'facebook', is_new_user: true } });
      expect(facebook.debugTokenCalls).toBe(calls + 1);
      const other = { ...user, id: '10150000000000098', email: 'other-fb@example.test' };
      const foreign = await call(h, 'POST', '/auth/social/facebook/login-api', {
        body: { access_token: facebook.issueToken(other, '3300000000000003') },
      });
      expect(foreign).toMatchObject({ status: 401, body: { code: 'ERR_FLOWLESS_SOCIAL_TOKEN_REJECTED' } });
      const bogus = await call(h, 'POST', '/auth/social/facebook/login-api', {
        body: { access_token: 'EAAbad' },
      });
      expect(bogus).toMatchObject({ status: 401, body: { code: 'ERR_FLOWLESS_SOCIAL_TOKEN_REJECTED' } });
      expect(await h.services.users.findByEmail('other-fb@example.test')).toBeNull();
      const idToken = await call(h, 'POST', '/auth/social/facebook/login-api', {
        body: { id_token: 'x.y.z' },
      });
      expect(idToken).toMatchObject({ status: 400, body: { code: 'ERR_FLOWLESS_BAD_REQUEST' } });
    });
  });
}
