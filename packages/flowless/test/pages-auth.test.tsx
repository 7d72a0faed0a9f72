/**
 * The hosted sign-in page and its second step: labelled forms, a session cookie and an allowed
 * redirect on success, the JSON route's answers in words on failure (wrong password, unverified
 * address, locked account, rate limit), refused foreign-origin posts and open redirects (the
 * second step is in pages-auth-two-factor.test.tsx). One database (libSQL): the services underneath are tested on all three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRoutesOf } from '../src/pages/page-router.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';
import { getPage, PAGE_ORIGIN, postForm, sessionCookieOf } from './support/page-requests.js';

const PASSWORD = 'pages auth password';
const ENV = {
  SESSION_COOKIE_SECURE: 'false',
  PUBLIC_URL: PAGE_ORIGIN,
  ALLOWED_REDIRECT_URLS: 'https://app.example.test/reset,https://partner.example.test/back',
  SOCIAL_GITHUB_CLIENT_ID: 'github-client',
  SOCIAL_GITHUB_CLIENT_SECRET: 'github-secret',
};

describe('hosted pages: sign-in', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_auth'), { env: ENV });
    await seedUser(h, { email: 'ada@example.test', password: PASSWORD, username: 'ada' });
  });
  afterAll(() => h.stop());

  const signIn = (fields: Record<string, string>, origin?: string) =>
    postForm(h, '/sign-in', fields, origin ? { origin } : {});

  it('renders the form with labels, the kept redirect and the other ways in', async () => {
    const res = await getPage(h, '/sign-in?redirect=%2Faccount%2Fsessions');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<h1>Sign in</h1>');
    expect(body).toContain('<label for="field-identifier">Email or username</label>');
    expect(body).toContain('<label for="field-password">Password</label>');
    expect(body).toMatch(/<input type="hidden" name="redirect" value="\/account\/sessions"/);
    expect(body).toContain('<label for="field-link_email">Email</label>');
    expect(body).toMatch(/<button[^>]*data-passkey="sign-in"[^>]*>Sign in with a passkey<\/button>/);
    const back = encodeURIComponent(
      `${PAGE_ORIGIN}/sign-in/social?redirect=${encodeURIComponent('/account/sessions')}`,
    );
    expect(body).toContain(`href="/auth/social/github?redirect=${back.replaceAll('&', '&amp;')}"`);
    expect(body).toContain('Continue with GitHub');
    expect(body).not.toContain('Continue with Google');
    expect(body).toMatch(/<script src="\/assets\/passkeys-[0-9a-f]{12}\.js"/);
  });

  it('signs in by email or username: the session cookie, then 303 to the redirect', async () => {
    const res = await signIn({
      identifier: 'ADA@example.test',
      password: PASSWORD,
      redirect: '/account/sessions',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/sessions');
    expect(res.headers.get('set-cookie')).toMatch(/^session_id=[^;]+;.*HttpOnly.*SameSite=Lax/);
    const session = sessionCookieOf(res) ?? '';
    expect((await call(h, 'GET', '/auth/validation', { session })).status).toBe(200);

    const byName = await signIn({ identifier: 'ada', password: PASSWORD });
    expect(byName.headers.get('location')).toBe('/account');
    expect(sessionCookieOf(byName)).not.toBeNull();
  });

  it('follows an allowed absolute redirect (front end, allow-listed prefix) and nothing else', async () => {
    const allowed = ['https://app.example.test/dashboard?tab=1', 'https://partner.example.test/back/done'];
    for (const redirect of allowed) {
      const res = await signIn({ identifier: 'ada', password: PASSWORD, redirect });
      expect(res.headers.get('location')).toBe(redirect);
    }
    const attacks = [
      '//evil.example',
      '//evil.example/account',
      '/\\evil.example',
      '\\\\evil.example',
      '/\n/evil.example',
      '/\t/evil.example',
      ' /account',
      'https://evil.example/',
      'http://app.example.test/',
      'https://app.example.test.evil.example/',
      'https://user@app.example.test/',
      'https://partner.example.test/backdoor',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'myapp://reset-password',
    ];
    for (const redirect of attacks) {
      const res = await signIn({ identifier: 'ada', password: PASSWORD, redirect });
      expect(res.status, redirect).toBe(303);
      expect(res.headers.get('location'), redirect).toBe('/account');
    }
  });

  it('keeps a refused redirect out of the page: the hidden field holds the default', async () => {
    const body = await (await getPage(h, `/sign-in?redirect=${encodeURIComponent('//evil.example')}`)).text();
    expect(body).toMatch(/<input type="hidden" name="redirect" value="\/account"/);
    expect(body).not.toContain('evil.example');
  });

  it('sends a signed-in visitor straight to the redirect', async () => {
    const session = await login(h, 'ada@example.test', PASSWORD);
    const res = await getPage(h, '/sign-in?redirect=%2Fadmin', { session });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
  });

  it('answers a wrong password or unknown account with 401 and words, never echoing the password', async () => {
    for (const identifier of ['ada@example.test', 'nobody@example.test']) {
      const res = await signIn({ identifier, password: 'wrong secret words', redirect: '/account/x' });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      const body = await res.text();
      expect(body).toContain('role="alert"');
      expect(body).toContain('The email, username or password is not right.');
      expect(body).not.toContain('wrong secret words');
      expect(body).toContain(`value="${identifier}"`);
      expect(body).toMatch(/name="redirect" value="\/account\/x"/);
    }
  });

  it('puts a missing field error next to the field (400)', async () => {
    const res = await signIn({ identifier: '', password: '' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain(
      '<p class="field-error" id="field-identifier-error">Enter your email address or username.</p>',
    );
    expect(body).toContain('<p class="field-error" id="field-password-error">Enter your password.</p>');
  });

  it('says an unverified address must be verified first (403), with the right password only', async () => {
    await h.services.users.insert({
      email: 'unverified@example.test',
      username: null,
      passwordHash: await h.services.hasher.hash(PASSWORD),
      userType: 'customer',
      isVerified: false,
    });
    const res = await signIn({ identifier: 'unverified@example.test', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Your email address is not verified yet.');
    expect(sessionCookieOf(res)).toBeNull();
  });

  it('refuses a sign-in posted from another origin (a login CSRF) before checking anything', async () => {
    const res = await signIn({ identifier: 'ada', password: PASSWORD }, 'https://attacker.example');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('registers its pages with the page router (left out of the API description)', () => {
    const routes = pageRoutesOf(h.app);
    for (const route of [
      'get /sign-in',
      'post /sign-in',
      'get /sign-in/two-factor',
      'post /sign-in/two-factor',
      'post /sign-in/two-factor/send',
      'get /sign-up',
      'post /sign-up',
      'get /forgot-password',
      'post /reset-password',
      'get /verify-email',
      'post /sign-in/link/request',
      'post /sign-in/link',
      'get /sign-in/social',
    ])
      expect(routes.has(route), route).toBe(true);
  });
});

describe('hosted pages: sign-in limits', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_auth_limits'), {
      env: { ...ENV, LOGIN_MAX_FAILURES: '2', RATE_LIMIT_LOGIN_MAX: '5' },
    });
    await seedUser(h, { email: 'locked@example.test', password: PASSWORD });
  });
  afterAll(() => h.stop());

  it('keeps a locked account shut with the same 401 as a wrong password, the right one included', async () => {
    for (let i = 0; i < 2; i++)
      expect(
        (await postForm(h, '/sign-in', { identifier: 'locked@example.test', password: 'nope nope' })).status,
      ).toBe(401);
    const res = await postForm(h, '/sign-in', { identifier: 'locked@example.test', password: PASSWORD });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('After repeated failures the account is locked for a while.');
    expect(sessionCookieOf(res)).toBeNull();
  });

  it('answers 429 with Retry-After and words once the per-IP window is full', async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 3; i++) {
      last = await postForm(h, '/sign-in', { identifier: 'someone@example.test', password: 'whatever pass' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last?.text()).toMatch(/Too many attempts\. Try again in \d+ (seconds|minutes)\./);
  });
});
