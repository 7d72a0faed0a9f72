/**
 * Every hosted page and the starter's console, in headless Chromium: axe-core finds no serious or
 * critical violation, at a phone's width (360×740) the page does not scroll sideways, and its
 * scripts weigh under 20 KB gzipped. A screenshot of each page, wide and narrow, is saved under
 * `test-artifacts/screenshots/`. The pages are seen as a visitor, as a person half-way through
 * signing in (second factor pending), and as a signed-in admin, one browser context each.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailLink } from '../e2e/support/outbox.js';
import { checkAccessibility } from './support/accessibility.js';
import { describeWithBrowser, launchChromium } from './support/browser.js';
import { type BrowserSystem, startBrowserSystem } from './support/browser-system.js';
import { enableTotp, newPerson, type Person, signInWithPassword, signOut } from './support/page-actions.js';
import { horizontalOverflow, scriptWeight } from './support/page-checks.js';
import { saveScreenshot } from './support/screenshots.js';

const PHONE = { width: 360, height: 740 };
const SCRIPT_BUDGET_BYTES = 20 * 1024;

type Viewer = 'visitor' | 'pending' | 'admin';

/** A page to check: who looks at it and how to get there (`open` resolves once it is shown). */
interface PageCase {
  readonly name: string;
  readonly viewer: Viewer;
  readonly open: (page: Page, app: BrowserSystem) => Promise<unknown>;
}

const at = (path: string) => (page: Page, app: BrowserSystem) => page.goto(`${app.authUrl}${path}`);
const starterConsole = (page: Page, app: BrowserSystem) => page.goto(`${app.starterUrl ?? ''}/`);
const admin = newPerson('Admin');
/** The person with an authenticator app (made in `beforeAll`). */
let person: Person = newPerson('Tess');
let personId = '';

const PAGES: readonly PageCase[] = [
  { name: 'sign-in', viewer: 'visitor', open: at('/sign-in') },
  {
    name: 'sign-in with a wrong password',
    viewer: 'visitor',
    open: async (page, app) => {
      await page.goto(`${app.authUrl}/sign-in`);
      await page.getByLabel('Email or username').fill(person.email);
      await page.getByLabel('Password', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').first().waitFor();
    },
  },
  { name: 'sign-up', viewer: 'visitor', open: at('/sign-up') },
  {
    name: 'sign-up with errors',
    viewer: 'visitor',
    open: async (page, app) => {
      await page.goto(`${app.authUrl}/sign-up`);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  { name: 'forgot password', viewer: 'visitor', open: at('/forgot-password') },
  {
    name: 'check your mail',
    viewer: 'visitor',
    open: async (page, app) => {
      await page.goto(`${app.authUrl}/forgot-password`);
      await page.getByLabel('Email').fill(person.email);
      await page.getByRole('button', { name: 'Email me a reset link' }).click();
      await page.getByRole('heading', { level: 1, name: 'Check your mail' }).waitFor();
    },
  },
  {
    name: 'reset password (from the mail)',
    viewer: 'visitor',
    open: async (page, app) => {
      await page.goto(
        mailLink(
          await app.mail({ to: person.email.toLowerCase(), kind: 'password_reset' }),
          '/reset-password',
        ),
      );
      await page.getByLabel('New password').waitFor();
    },
  },
  { name: 'verify email landing', viewer: 'visitor', open: at('/verify-email') },
  { name: 'console signed out', viewer: 'visitor', open: starterConsole },
  { name: 'second factor', viewer: 'pending', open: at('/sign-in/two-factor') },
  { name: 'account', viewer: 'admin', open: at('/account') },
  { name: 'account security', viewer: 'admin', open: at('/account/security') },
  { name: 'account sessions', viewer: 'admin', open: at('/account/sessions') },
  { name: 'account tokens', viewer: 'admin', open: at('/account/tokens') },
  { name: 'account connections', viewer: 'admin', open: at('/account/connections') },
  { name: 'admin overview', viewer: 'admin', open: at('/admin') },
  { name: 'admin users', viewer: 'admin', open: at('/admin/users') },
  { name: 'admin new user', viewer: 'admin', open: at('/admin/users/new') },
  { name: 'admin user', viewer: 'admin', open: (page, app) => at(`/admin/users/${personId}`)(page, app) },
  { name: 'admin audit', viewer: 'admin', open: at('/admin/audit') },
  { name: 'admin settings', viewer: 'admin', open: at('/admin/settings') },
  { name: 'console signed in', viewer: 'admin', open: starterConsole },
];

describeWithBrowser('hosted pages: accessibility, phone width and script weight', () => {
  let app: BrowserSystem;
  let browser: Browser;
  const contexts = new Map<Viewer, BrowserContext>();

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserSystem({ starter: true }), launchChromium()]);
    const [adminContext, pending, visitor] = await Promise.all([
      browser.newContext(),
      browser.newContext(),
      browser.newContext(),
    ]);
    contexts.set('visitor', visitor).set('pending', pending).set('admin', adminContext);
    await app.system.createAdmin(admin.email, admin.password);
    await signInWithPassword(await adminContext.newPage(), app.authUrl, admin);

    // A person with an authenticator app, signed in with the password only: the second step waits.
    const signedUp = await app.system.signUp('Tess');
    person = { name: 'Tess', email: signedUp.email, password: signedUp.password };
    personId = signedUp.userId;
    const page = await pending.newPage();
    await signInWithPassword(page, app.authUrl, person);
    await enableTotp(page, app.authUrl);
    await signOut(page);
    await signInWithPassword(page, app.authUrl, person);
    expect(new URL(page.url()).pathname).toBe('/sign-in/two-factor');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  }, 30_000);

  it.each(PAGES)('$name', async ({ name, viewer, open }) => {
    const page = await (contexts.get(viewer) as BrowserContext).newPage();
    try {
      const response = await open(page, app);
      if (response && typeof response === 'object' && 'status' in response)
        expect((response as { status(): number }).status(), 'status of the page').toBeLessThan(400);
      await saveScreenshot(page, `page ${name}`);
      const report = await checkAccessibility(page);
      expect(report.violations, report.message).toEqual([]);

      const weight = await scriptWeight(page);
      expect(weight.totalGzipBytes, JSON.stringify(weight.scripts)).toBeLessThan(SCRIPT_BUDGET_BYTES);

      await page.setViewportSize(PHONE);
      await saveScreenshot(page, `page ${name} phone`);
      const overflow = await horizontalOverflow(page);
      expect(overflow.scrollWidth, `sticking out: ${overflow.culprits.join(', ')}`).toBeLessThanOrEqual(
        overflow.innerWidth,
      );
    } finally {
      await page.close();
    }
  });
});
