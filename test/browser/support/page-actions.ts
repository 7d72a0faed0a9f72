/**
 * @module What a person does on the hosted pages, as browser steps the suites share: sign up,
 * verify by the mailed link, sign in (password, authenticator code), turn the authenticator app
 * on, sign out. Each step finds fields by their visible label and buttons by their name, the way a
 * person (or a screen reader) does, and waits for the page the step leads to.
 */
import type { Page } from 'playwright-core';
import { totpCodeAt } from '../../../packages/flowless/src/two-factor/totp.js';
import { mailLink } from '../../e2e/support/outbox.js';
import type { BrowserSystem } from './browser-system.js';

/** A person's sign-in details. */
export interface Person {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

/** A new person with a unique address and a password the policy accepts. */
export function newPerson(name: string): Person {
  const id = crypto.randomUUID();
  return { name, email: `${name.toLowerCase()}-${id}@example.com`, password: `pw-${id}` };
}

/** The path of the page's current URL. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Fills and sends the sign-up form; the page then says to check the mail. */
export async function signUp(page: Page, authUrl: string, person: Person): Promise<void> {
  await page.goto(`${authUrl}/sign-up`);
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your mail' }).waitFor();
}

/** Opens the verification mail's link and confirms it; the page then says the address is verified. */
export async function verifyByMail(page: Page, app: BrowserSystem, email: string): Promise<void> {
  const mail = await app.mail({ to: email, kind: 'email_verification' });
  await page.goto(mailLink(mail, '/verify-email'));
  await page.getByRole('button', { name: 'Verify my email' }).click();
  await page.getByRole('heading', { level: 1, name: 'Email verified' }).waitFor();
}

/**
 * Sends the sign-in form with a password, from `/sign-in` (with `redirect` when given); resolves
 * once the browser has left the sign-in page.
 */
export async function signInWithPassword(
  page: Page,
  authUrl: string,
  person: Pick<Person, 'email' | 'password'>,
  redirect?: string,
): Promise<void> {
  const query = redirect === undefined ? '' : `?redirect=${encodeURIComponent(redirect)}`;
  await page.goto(`${authUrl}/sign-in${query}`);
  await page.getByLabel('Email or username').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/**
 * On the second-factor page, enters the authenticator code of the step after the current one (one
 * step of skew is accepted, and a step already used at setup is not accepted twice).
 */
export async function enterNextTotpCode(page: Page, secret: string): Promise<void> {
  const app = page.getByRole('region', { name: 'Authenticator app' });
  await app.getByLabel('Code from your authenticator app').fill(totpCodeAt(secret, Date.now() + 30_000));
  await app.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in/two-factor');
}

/**
 * Turns the authenticator app on at `/account/security`, reading the key the page shows as text;
 * resolves the key (without spaces) and the backup codes the page shows once.
 */
export async function enableTotp(
  page: Page,
  authUrl: string,
): Promise<{ secret: string; backupCodes: number }> {
  await page.goto(`${authUrl}/account/security`);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('Code from the app').fill(totpCodeAt(secret, Date.now()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByRole('heading', { level: 1, name: 'Authenticator app added' }).waitFor();
  const backupCodes = await page.locator('#backup-codes li').count();
  return { secret, backupCodes };
}

/** Signs out with the header's button; the browser lands on the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
}
