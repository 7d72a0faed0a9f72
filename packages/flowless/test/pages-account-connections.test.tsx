/**
 * The account page `/account/connections`: linked provider accounts listed and unlinked (never
 * the last way to sign in), links to connect the configured providers, another user's link out
 * of reach. One database (libSQL); identities are linked through the social-accounts service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocialLoginServices } from '../src/social/social-login-services.js';
import type { ProviderIdentity } from '../src/social/social-provider.js';
import { type PageBrowser, pageBrowser } from './support/account-pages.js';
import { freshDatabase, type Harness, signedInUser, startFlowless } from './support/flowless-harness.js';

const PASSWORD = 'account connections password';

const identity = (subject: string, email: string): ProviderIdentity => ({
  subject,
  email,
  emailVerified: true,
  name: null,
  picture: null,
  accessToken: null,
  refreshToken: null,
  accessTokenExpiresAt: null,
});

describe('hosted pages: /account/connections', () => {
  let h: Harness;
  let browser: PageBrowser;
  let userId: string;
  let social: ReturnType<typeof createSocialLoginServices>;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_account_connections'), {
      env: {
        SESSION_COOKIE_SECURE: 'false',
        PUBLIC_URL: 'http://flowless.test',
        SOCIAL_GITHUB_CLIENT_ID: 'github-client',
        SOCIAL_GITHUB_CLIENT_SECRET: 'github-secret',
        SOCIAL_DISCORD_CLIENT_ID: 'discord-client',
        SOCIAL_DISCORD_CLIENT_SECRET: 'discord-secret',
      },
    });
    social = createSocialLoginServices(h.services);
    const user = await signedInUser(h, { email: 'connections@example.test', password: PASSWORD });
    userId = user.id;
    browser = pageBrowser(h, user.session);
  });
  afterAll(() => h.stop());

  it('lists no links yet, and offers to connect each configured provider', async () => {
    const html = await (await browser.get('/account/connections')).text();
    expect(html).toContain('No provider accounts are linked.');
    const back = encodeURIComponent('http://flowless.test/account/connections');
    expect(html).toContain(`href="/auth/social/github?redirect=${back}"`);
    expect(html).toContain('Connect GitHub');
    expect(html).toContain('Connect Discord');
  });

  it('lists a linked account and unlinks it', async () => {
    const signIn = await social.accounts.signIn('github', identity('gh-1', 'connections@example.test'));
    expect(signIn.user.id).toBe(userId);
    const html = await (await browser.get('/account/connections')).text();
    for (const heading of ['Provider', 'Account', 'Linked'])
      expect(html).toContain(`<th scope="col">${heading}</th>`);
    expect(html).toContain('<td>GitHub</td>');
    expect(html).not.toContain('Connect GitHub');

    const foreign = await browser.post(
      '/account/connections/unlink',
      { provider: 'github' },
      'https://attacker.example',
    );
    expect(foreign.status).toBe(403);
    expect(await social.accounts.list(userId)).toHaveLength(1);

    const res = await browser.post('/account/connections/unlink', { provider: 'github' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/connections?done=unlinked');
    expect(await social.accounts.list(userId)).toHaveLength(0);
    const missing = await browser.post('/account/connections/unlink', { provider: 'github' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('That provider is not linked to your account.');
  });

  it("never unlinks the last way to sign in, and never another user's link", async () => {
    const onlySocial = await social.accounts.signIn('discord', identity('dc-1', 'social-only@example.test'));
    const session = await h.services.sessions.issue(onlySocial.user.id, {
      ipAddress: null,
      userAgent: null,
      deviceId: null,
    });
    const theirs = pageBrowser(h, session.id);
    const res = await theirs.post('/account/connections/unlink', { provider: 'discord' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This is the only way to sign in to your account');
    expect(await social.accounts.list(onlySocial.user.id)).toHaveLength(1);

    const mine = await browser.post('/account/connections/unlink', { provider: 'discord' });
    expect(mine.status).toBe(404);
    expect(await social.accounts.list(onlySocial.user.id)).toHaveLength(1);
  });
});
