/**
 * The process helpers of the browser journeys: Flowless and the starter start as real processes
 * that a browser reaches at http://localhost:<port>, and the mail Flowless sends is read from its
 * outbox with its link pointing at the browser-facing address.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request } from '../e2e/support/e2e-system.js';
import { mailLink } from '../e2e/support/outbox.js';
import { describeWithBrowser, useBrowser } from './support/browser.js';
import { type BrowserSystem, startBrowserSystem } from './support/browser-system.js';

describeWithBrowser('browser journeys: Flowless and the starter on localhost', () => {
  const session = useBrowser();
  let app: BrowserSystem;

  beforeAll(async () => {
    app = await startBrowserSystem({ starter: true, env: { REQUIRE_EMAIL_VERIFICATION: 'true' } });
  }, 90_000);
  afterAll(async () => app?.close(), 30_000);

  it('serves both processes to the browser at localhost addresses', async () => {
    expect(app.authUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(app.starterUrl).toMatch(/^http:\/\/localhost:\d+$/);
    for (const url of [app.authUrl, app.starterUrl ?? '']) {
      const response = await session.page.goto(`${url}/health`);
      expect(response?.status()).toBe(200);
    }
  });

  it('reads the verification mail from the outbox, with its link on the browser-facing address', async () => {
    const email = `ada-${randomUUID()}@example.com`;
    const registered = await request(`${app.system.authUrl}/auth/register/public`, {
      method: 'POST',
      json: { email, password: `pw-${randomUUID()}`, name: 'Ada' },
    });
    expect(registered.status).toBeLessThan(300);
    const mail = await app.mail({ to: email, kind: 'email_verification' });
    expect(mail.subject).toBe('Verify your email address');
    const link = new URL(mailLink(mail, '/verify-email'));
    expect(link.origin).toBe(app.authUrl);
    // The token travels in the fragment, which browsers never send to a server.
    expect(new URLSearchParams(link.hash.slice(1)).get('token')).toMatch(/^[\w-]{20,}$/);
    await expect(app.mail({ to: `nobody-${randomUUID()}@example.com` }, 300)).rejects.toThrow(
      /no mail matching/,
    );
    expect(() => mailLink(mail, '/reset-password')).toThrow('no link under /reset-password in the mail');
  });
});
