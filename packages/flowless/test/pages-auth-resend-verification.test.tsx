/**
 * "Send the verification link again" on the sign-in page: offered after a refusal for an
 * unverified address, it mails a new link to an unverified account only, answers the same page
 * for an unknown and a verified address, counts on the `verify` window of the JSON route and is
 * refused from another origin. One database (libSQL): the services underneath are tested on all
 * three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESENT_MESSAGE } from '../src/pages/auth/resend-verification.js';
import { freshDatabase, type Harness, seedUser, startFlowless } from './support/flowless-harness.js';
import { PAGE_LINK_ENV, PAGE_ORIGIN, postForm } from './support/page-requests.js';

const PASSWORD = 'resend verification password';
const UNVERIFIED = 'unverified-resend@example.test';
const VERIFIED = 'verified-resend@example.test';
const UNKNOWN = 'nobody-resend@example.test';

describe('hosted pages: resend verification', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_auth_resend'), {
      env: { ...PAGE_LINK_ENV, RATE_LIMIT_RESET_MAX: '6' },
    });
    await h.services.users.insert({
      email: UNVERIFIED,
      username: null,
      passwordHash: await h.services.hasher.hash(PASSWORD),
      userType: 'customer',
      isVerified: false,
    });
    await seedUser(h, { email: VERIFIED, password: PASSWORD });
  });
  afterAll(() => h.stop());

  const resend = (email: string, origin?: string) =>
    postForm(h, '/sign-in/resend-verification', { resend_email: email }, origin ? { origin } : {});
  const verificationMails = (to: string) =>
    h.mailer.messages.filter((m) => m.to === to && m.kind === 'email_verification');
  const pageText = (html: string) => html.replace(/nonce="[^"]*"/g, '');

  it('offers the form, with the address, when sign-in is refused for an unverified address', async () => {
    const res = await postForm(h, '/sign-in', { identifier: UNVERIFIED, password: PASSWORD });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Your email address is not verified yet.');
    expect(html).toContain(
      '<form method="post" action="/sign-in/resend-verification" id="resend-verification-form"',
    );
    expect(html).toContain('<label for="field-resend_email">Email address</label>');
    expect(html).toMatch(/id="field-resend_email"[^>]*value="unverified-resend@example.test"/);
  });

  it('does not offer it for a wrong password', async () => {
    const res = await postForm(h, '/sign-in', { identifier: UNVERIFIED, password: 'not the password' });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('resend-verification-form');
  });

  it('mails a link to an unverified account only, with the same page for all three addresses', async () => {
    const pages: string[] = [];
    for (const email of [UNVERIFIED, UNKNOWN, VERIFIED]) {
      const res = await resend(email);
      expect(res.status, email).toBe(200);
      pages.push(pageText(await res.text()));
    }
    await h.drain();
    expect(pages[0]).toContain(RESENT_MESSAGE);
    expect(pages[1]).toBe(pages[0]);
    expect(pages[2]).toBe(pages[0]);
    const mails = verificationMails(UNVERIFIED);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`${PAGE_ORIGIN}/verify-email#token=`);
    expect(verificationMails(UNKNOWN)).toHaveLength(0);
    expect(verificationMails(VERIFIED)).toHaveLength(0);
  });

  it('puts a malformed address next to its field (400) and sends nothing', async () => {
    const before = h.mailer.messages.length;
    const res = await resend('not an address');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      '<p class="field-error" id="field-resend_email-error">Enter a valid email address.</p>',
    );
    await h.drain();
    expect(h.mailer.messages.length).toBe(before);
  });

  it('refuses a post from another origin and sends nothing', async () => {
    const before = h.mailer.messages.length;
    const res = await resend(UNVERIFIED, 'https://attacker.example');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    await h.drain();
    expect(h.mailer.messages.length).toBe(before);
  });

  it('counts on the verify window of the JSON route: past it, 429 with Retry-After and nothing sent', async () => {
    // The window (RATE_LIMIT_RESET_MAX 6) is shared with POST /auth/resend-verification.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await resend(UNKNOWN)).status);
    expect(statuses).toContain(429);
    await h.drain();
    const before = verificationMails(UNVERIFIED).length;
    const res = await resend(UNVERIFIED);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.text()).toContain('Too many attempts.');
    await h.drain();
    expect(verificationMails(UNVERIFIED)).toHaveLength(before);
  });
});
