/**
 * The hosted sign-up page and the verify-email landing: labels and the password rule as a hint,
 * policy and address errors next to their field, "check your mail" alike for a new and a taken
 * address with verification on (the mailed link lands on /verify-email and verifies once), and a
 * new user signed in at once with it off. One database (libSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  freshDatabase,
  type Harness,
  lastMailText,
  loginStatus,
  seedUser,
  startFlowless,
  tokenFromMail,
} from './support/flowless-harness.js';
import { getPage, PAGE_LINK_ENV, PAGE_ORIGIN, postForm, sessionCookieOf } from './support/page-requests.js';

const PASSWORD = 'pages sign-up password';

describe('hosted pages: sign-up and email verification', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_auth_sign_up'), {
      env: PAGE_LINK_ENV,
    });
  });
  afterAll(() => h.stop());

  it('renders the sign-up form with labels and the password rule as a hint', async () => {
    const body = await (await getPage(h, '/sign-up?redirect=%2Faccount%2Fprofile')).text();
    expect(body).toContain('<label for="field-name">Name</label>');
    expect(body).toContain('<label for="field-email">Email</label>');
    expect(body).toContain('<label for="field-password">Password</label>');
    expect(body).toContain('At least 8 characters; not a common password.');
    expect(body).toMatch(/name="redirect" value="\/account\/profile"/);
  });

  it('shows policy and address errors next to their field (400), never echoing the password', async () => {
    const weak = await postForm(h, '/sign-up', { email: 'new@example.test', password: 'short' });
    expect(weak.status).toBe(400);
    const weakBody = await weak.text();
    expect(weakBody).toMatch(
      /<p class="field-error" id="field-password-error">Password must be at least 8 characters/,
    );
    expect(weakBody).toContain('value="new@example.test"');
    expect(weakBody).not.toContain('value="short"');

    const common = await postForm(h, '/sign-up', { email: 'new@example.test', password: 'password123' });
    expect(await common.text()).toContain(
      'id="field-password-error">Password is too common; choose another</p>',
    );

    const badEmail = await postForm(h, '/sign-up', { email: 'not-an-address', password: PASSWORD });
    expect(badEmail.status).toBe(400);
    expect(await badEmail.text()).toContain('id="field-email-error">Enter a valid email address.</p>');
    expect(await h.services.users.findByEmail('new@example.test')).toBeNull();
  });

  it('registers, says "check your mail" alike for a new and a taken address, and the link verifies', async () => {
    await seedUser(h, { email: 'taken@example.test', password: PASSWORD });
    const fresh = await postForm(h, '/sign-up', {
      email: 'Verify.Me@example.test',
      password: PASSWORD,
      name: 'Vera',
    });
    const taken = await postForm(h, '/sign-up', { email: 'taken@example.test', password: PASSWORD });
    for (const res of [fresh, taken]) {
      expect(res.status).toBe(200);
      expect(sessionCookieOf(res)).toBeNull();
      expect(await res.text()).toContain('<h1>Check your mail</h1>');
    }
    await h.drain();
    expect(lastMailText(h, 'verify.me@example.test', 'email_verification')).toContain(
      `${PAGE_ORIGIN}/verify-email#token=`,
    );
    expect(await loginStatus(h, 'verify.me@example.test', PASSWORD)).toBe(403);

    const landing = await getPage(h, '/verify-email');
    const landingBody = await landing.text();
    expect(landingBody).toContain('<input type="hidden" name="token" value=""');
    expect(landingBody).toMatch(
      /<script nonce="[^"]+">\(\(\) => \{\n {2}const key = 'flowless:verify-token'/,
    );
    expect(landingBody).toContain('Verify my email</button>');

    const token = tokenFromMail(h, 'verify.me@example.test', 'email_verification');
    const verified = await postForm(h, '/verify-email', { token });
    expect(verified.status).toBe(200);
    const verifiedBody = await verified.text();
    expect(verifiedBody).toContain('Your email address is verified.');
    expect(verifiedBody).not.toContain(token);
    expect(await loginStatus(h, 'verify.me@example.test', PASSWORD)).toBe(200);

    const again = await postForm(h, '/verify-email', { token });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This link is not valid: it was used already');
  });
});

describe('hosted pages: sign-up without email verification', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_auth_open'), {
      env: { ...PAGE_LINK_ENV, REQUIRE_EMAIL_VERIFICATION: 'false' },
    });
  });
  afterAll(() => h.stop());

  it('signs the new user in and follows the redirect; a registered address is an error on its field', async () => {
    const res = await postForm(h, '/sign-up', {
      email: 'open@example.test',
      password: PASSWORD,
      redirect: '/account/profile',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/profile');
    const session = sessionCookieOf(res) ?? '';
    expect((await call(h, 'GET', '/auth/validation', { session })).status).toBe(200);

    const again = await postForm(h, '/sign-up', { email: 'open@example.test', password: PASSWORD });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('id="field-email-error">Email already registered</p>');
  });

  it('refuses a sign-up posted from another origin', async () => {
    const res = await postForm(
      h,
      '/sign-up',
      { email: 'csrf@example.test', password: PASSWORD },
      { origin: 'https://attacker.example' },
    );
    expect(res.status).toBe(403);
    expect(await h.services.users.findByEmail('csrf@example.test')).toBeNull();
  });
});
