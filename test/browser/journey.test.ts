/**
 * One person's whole journey in headless Chromium, through Flowless's hosted pages and the
 * starter's console, both real processes on localhost: sign up, verify by the mailed link, sign
 * in, turn on an authenticator app (key read from the page, code computed here), sign in again
 * with password and code, add a passkey (Chromium's virtual authenticator), sign in with the
 * passkey alone from the console's "Sign in with Flowless" link, create an item; then an admin
 * bans the person on the dashboard, and the person's next click is refused on both servers.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, useBrowser } from './support/browser.js';
import { type BrowserSystem, startBrowserSystem } from './support/browser-system.js';
import {
  enableTotp,
  enterNextTotpCode,
  newPerson,
  type Person,
  pathOf,
  signInWithPassword,
  signOut,
  signUp,
  verifyByMail,
} from './support/page-actions.js';
import { addVirtualAuthenticator } from './support/webauthn.js';

describeWithBrowser('browser journey: sign-up to ban, through Flowless and the starter', () => {
  const session = useBrowser();
  let app: BrowserSystem;
  let starterUrl: string;
  const admin = newPerson('Admin');

  beforeAll(async () => {
    app = await startBrowserSystem({ starter: true, env: { REQUIRE_EMAIL_VERIFICATION: 'true' } });
    starterUrl = app.starterUrl ?? '';
    await app.system.createAdmin(admin.email, admin.password);
  }, 90_000);
  afterAll(async () => app?.close(), 30_000);

  /** Bans `person` on the admin dashboard, signed in as the admin in a browser context of their own. */
  async function banOnDashboard(person: Person): Promise<void> {
    const context = await session.browser.newContext();
    try {
      const page = await context.newPage();
      await signInWithPassword(page, app.authUrl, admin, '/admin/users');
      await page.getByLabel('Email, name or username').fill(person.email);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: person.email }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Ban', exact: true }).click();
      await page.getByText('This person is banned and cannot sign in.').waitFor();
    } finally {
      await context.close();
    }
  }

  it('signs up, verifies, adds TOTP and a passkey, uses the console, and is locked out by a ban', async () => {
    const { page } = session;
    const person = newPerson('Ada');
    const authenticator = await addVirtualAuthenticator(page);

    // Sign up and verify the address by the mailed link.
    await signUp(page, app.authUrl, person);
    await verifyByMail(page, app, person.email);
    await signInWithPassword(page, app.authUrl, person);
    expect(pathOf(page)).toBe('/account');

    // The authenticator app: the key as text, one code to turn it on, backup codes shown once.
    const { secret, backupCodes } = await enableTotp(page, app.authUrl);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(backupCodes).toBeGreaterThan(0);
    await signOut(page);
    await page.goto(`${app.authUrl}/account`);
    expect(pathOf(page)).toBe('/sign-in');

    // The password alone now stops at the second step; the app's code finishes it.
    await signInWithPassword(page, app.authUrl, person);
    expect(pathOf(page)).toBe('/sign-in/two-factor');
    await enterNextTotpCode(page, secret);
    expect(pathOf(page)).toBe('/account');

    // A passkey, made by the virtual authenticator; the page reloads with it in the list.
    await page.goto(`${app.authUrl}/account/security`);
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.locator('#passkey-list li').first().waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
    await signOut(page);

    // Signed out, the console links to Flowless's sign-in, which comes back after the passkey alone.
    await page.goto(`${starterUrl}/`);
    await page.getByRole('link', { name: 'Sign in with Flowless' }).click();
    expect(pathOf(page)).toBe('/sign-in');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${starterUrl}/`);
    await expect(page.locator('#signed-in-as').innerText()).resolves.toContain(person.email);

    await page.getByLabel('Title').fill('First item');
    await page.getByRole('button', { name: 'Create item' }).click();
    await page.getByText('Item created.').waitFor();
    await expect(page.getByRole('cell', { name: 'First item', exact: true }).count()).resolves.toBe(1);

    // The ban ends every session: the next click on the console and on the account page is refused.
    await banOnDashboard(person);
    await page.getByLabel('Title').fill('After the ban');
    const refused = page.waitForResponse((response) => response.url() === `${starterUrl}/console/items`);
    await page.getByRole('button', { name: 'Create item' }).click();
    expect((await refused).status()).toBe(401);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('You are not signed in');
    await expect(page.getByRole('link', { name: 'Sign in with Flowless' }).count()).resolves.toBe(1);
    await page.goto(`${app.authUrl}/account`);
    expect(pathOf(page)).toBe('/sign-in');

    // Nor does the passkey sign the banned person in again.
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.locator('[data-passkey-status]:not(:empty)').waitFor();
    expect(pathOf(page)).toBe('/sign-in');
  }, 90_000);
});
