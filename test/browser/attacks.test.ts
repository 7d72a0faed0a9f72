/**
 * Cross-site request forgery in a real browser: a signed-in person opens a hostile page that posts
 * a form on load to Flowless (sign-out, a profile change) and to the starter console (a new item).
 * Each post reaches the server and is refused with 403 `CSRF_REJECTED`, and nothing happens: the
 * session still works, the profile and the item list are unchanged. The hostile page sits on
 * another port of localhost (the same site, so the browser does send the session cookie; only the
 * origin check stands in the way), on it again with `no-referrer` (the browser then sends
 * `Origin: null`), and on 127.0.0.1 (another site).
 */
import type { RunningServer } from 'flowfull/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackUrl, serveAttackerSite } from './support/attacker-site.js';
import { describeWithBrowser, useBrowser } from './support/browser.js';
import { type BrowserSystem, startBrowserSystem } from './support/browser-system.js';
import { type Person, pathOf, signInWithPassword } from './support/page-actions.js';

describeWithBrowser('browser attacks: forms posted from another origin', () => {
  const session = useBrowser();
  let app: BrowserSystem;
  let attacker: RunningServer;
  let starterUrl: string;
  let person: Person;

  beforeAll(async () => {
    [app, attacker] = await Promise.all([startBrowserSystem({ starter: true }), serveAttackerSite()]);
    starterUrl = app.starterUrl ?? '';
    const { email, password } = await app.system.signUp('Ada');
    person = { name: 'Ada', email, password };
  }, 90_000);
  afterAll(async () => Promise.all([app?.close(), attacker?.close()]), 30_000);

  /** Opens the attack page and resolves the status and code of the post it makes on load. */
  async function attack(
    page: Page,
    pageUrl: string,
    target: string,
  ): Promise<{ status: number; code: unknown }> {
    const posted = page.waitForResponse(
      (response) => response.url() === target && response.request().method() === 'POST',
    );
    await page.goto(pageUrl);
    const response = await posted;
    const body = (await response.json().catch(() => ({}))) as { code?: unknown };
    return { status: response.status(), code: body.code };
  }

  const variants = [
    {
      name: 'another port of localhost (same site: the cookie is sent)',
      host: 'localhost',
      noReferrer: false,
    },
    {
      name: 'another port of localhost with no-referrer (Origin: null)',
      host: 'localhost',
      noReferrer: true,
    },
    { name: '127.0.0.1 (another site)', host: '127.0.0.1', noReferrer: false },
  ] as const;

  describe.each(variants)('from $name', ({ host, noReferrer }) => {
    it('refuses sign-out, a profile change and a new console item with 403, and nothing changes', async () => {
      const { page } = session;
      const origin = `http://${host}:${attacker.port}`;
      await signInWithPassword(page, app.authUrl, person, `${starterUrl}/`);
      expect(page.url()).toBe(`${starterUrl}/`);

      const targets: { action: string; fields: Record<string, string> }[] = [
        { action: `${app.authUrl}/sign-out`, fields: {} },
        { action: `${app.authUrl}/account/profile`, fields: { name: 'Mallory', last_name: 'Owned' } },
        { action: `${starterUrl}/console/items`, fields: { title: 'Planted item' } },
      ];
      for (const { action, fields } of targets) {
        const outcome = await attack(page, attackUrl(origin, action, fields, { noReferrer }), action);
        expect(outcome, action).toEqual({ status: 403, code: 'CSRF_REJECTED' });
      }

      // Still signed in, with the same name, and no item on the console.
      await page.goto(`${app.authUrl}/account`);
      expect(pathOf(page)).toBe('/account');
      await expect(page.getByLabel('First name').inputValue()).resolves.toBe('Ada');
      await page.goto(`${starterUrl}/`);
      await expect(page.locator('#signed-in-as').innerText()).resolves.toContain(person.email.toLowerCase());
      await expect(page.getByRole('heading', { name: 'Items (0)' }).count()).resolves.toBe(1);
    });
  });
});
