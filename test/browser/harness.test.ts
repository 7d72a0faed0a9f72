/**
 * The browser-test harness itself, against a small site served in this process: pages load in
 * headless Chromium, axe finds a seeded violation and passes a clean page even under the strict
 * nonce policy (which still blocks a script without the nonce), screenshots land in the artefacts
 * folder, the virtual authenticator creates and uses a passkey on http://localhost (and 127.0.0.1,
 * not a valid relying-party id, is refused), and without Chromium the suites are skipped, saying
 * why, unless CI=true, where the run fails.
 */
import { readFile } from 'node:fs/promises';
import type { RunningServer } from 'flowfull/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkAccessibility } from './support/accessibility.js';
import { describeWithBrowser, useBrowser } from './support/browser.js';
import { screenshotsDir } from './support/chromium.js';
import { serveHarnessSite } from './support/harness-site.js';
import { runVitest } from './support/run-vitest.js';
import { saveScreenshot } from './support/screenshots.js';
import { addVirtualAuthenticator } from './support/webauthn.js';

/** Registers a discoverable passkey for user id [1,2,3,4] on `rpId`; resolves its id or the error name. */
const createPasskey = (rpId: string): string => `(async () => {
  try {
    const credential = await navigator.credentials.create({ publicKey: {
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      rp: { name: 'Harness', id: ${JSON.stringify(rpId)} },
      user: { id: new Uint8Array([1, 2, 3, 4]), name: 'ada@example.com', displayName: 'Ada' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    } });
    return { id: credential.id };
  } catch (error) {
    return { error: error.name };
  }
})()`;

/** Signs in with a discoverable passkey of `localhost`; resolves the credential id, user handle and UV flag. */
const getPasskey = `(async () => {
  const assertion = await navigator.credentials.get({ publicKey: {
    challenge: crypto.getRandomValues(new Uint8Array(32)),
    rpId: 'localhost',
    userVerification: 'required',
  } });
  const flags = new Uint8Array(assertion.response.authenticatorData)[32];
  return {
    id: assertion.id,
    userHandle: Array.from(new Uint8Array(assertion.response.userHandle)),
    userVerified: (flags & 0x04) !== 0,
  };
})()`;

describeWithBrowser('browser-test harness', () => {
  const session = useBrowser();
  let site: RunningServer;
  let localhost: string;

  beforeAll(async () => {
    site = await serveHarnessSite();
    localhost = `http://localhost:${site.port}`;
  });
  afterAll(async () => site.close());

  it('loads a page under the strict nonce policy: the nonce script runs, the other is blocked', async () => {
    const { page } = session;
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) blocked.push(message.text());
    });
    const response = await page.goto(`${localhost}/strict`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'nonce-[^']+'/);
    await expect(page.title()).resolves.toBe('Strict page');
    await expect(page.locator('body').getAttribute('data-nonced')).resolves.toBe('ran');
    await expect(page.locator('body').getAttribute('data-unnonced')).resolves.toBeNull();
    expect(blocked).toHaveLength(1);
  });

  it('finds the unlabelled field as a critical violation, with a readable message', async () => {
    await session.page.goto(`${localhost}/unlabelled`);
    const report = await checkAccessibility(session.page);
    expect(report.violations.map((violation) => [violation.id, violation.impact])).toEqual([
      ['label', 'critical'],
    ]);
    expect(report.message).toContain('[critical] label: Form elements must have labels');
    expect(report.message).toContain('input');
  });

  it('passes the clean page under the strict policy (axe runs although inline scripts are blocked)', async () => {
    await session.page.goto(`${localhost}/strict`);
    const report = await checkAccessibility(session.page);
    expect(report.violations, report.message).toEqual([]);
    expect(report.message).toBe('');
  });

  it('writes a PNG screenshot under test-artifacts/screenshots', async () => {
    await session.page.goto(`${localhost}/strict`);
    const path = await saveScreenshot(session.page, 'Harness: strict page');
    expect(path).toBe(`${screenshotsDir}harness-strict-page.png`);
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('creates and then uses a passkey with the virtual authenticator on http://localhost', async () => {
    const { page } = session;
    const authenticator = await addVirtualAuthenticator(page);
    await page.goto(`${localhost}/strict`);
    const created = (await page.evaluate(createPasskey('localhost'))) as { id?: string; error?: string };
    expect(created.error).toBeUndefined();
    const stored = await authenticator.credentials();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
    expect(Buffer.from(stored[0]?.credentialId ?? '', 'base64').toString('base64url')).toBe(created.id);

    const used = (await page.evaluate(getPasskey)) as {
      id: string;
      userHandle: number[];
      userVerified: boolean;
    };
    expect(used).toEqual({ id: created.id, userHandle: [1, 2, 3, 4], userVerified: true });
    expect((await authenticator.credentials())[0]?.signCount).toBeGreaterThan(stored[0]?.signCount ?? 0);
  });

  it('is refused on http://127.0.0.1: an IP address is not a relying-party id', async () => {
    const { page } = session;
    const authenticator = await addVirtualAuthenticator(page);
    await page.goto(`${site.url}/strict`);
    await expect(page.evaluate(createPasskey('127.0.0.1'))).resolves.toEqual({ error: 'SecurityError' });
    await expect(authenticator.credentials()).resolves.toEqual([]);
  });

  it('without Chromium: skips the browser suites with the reason, and with CI=true fails the run', async () => {
    const missing = { TEST_CHROMIUM_PATH: '/nonexistent/chromium' };
    const [local, ci] = await Promise.all([
      runVitest('test/browser/harness.test.ts', { ...missing, CI: undefined }),
      runVitest('test/browser/harness.test.ts', { ...missing, CI: 'true' }),
    ]);
    expect(local.exitCode).toBe(0);
    expect(local.tests.length).toBeGreaterThan(0);
    for (const test of local.tests) {
      expect(test.status).toBe('skipped');
      expect(test.ancestorTitles[0]).toBe(
        'browser-test harness [skipped: no Chromium at /nonexistent/chromium]',
      );
    }
    expect(local.stderr).toContain(
      '[browser] SKIPPING the browser suites: no Chromium at /nonexistent/chromium',
    );
    expect(ci.exitCode).not.toBe(0);
    expect(ci.stderr).toContain('CI=true and Chromium is not installed at /nonexistent/chromium');
    expect(ci.tests).toEqual([]);
  }, 60_000);
});
