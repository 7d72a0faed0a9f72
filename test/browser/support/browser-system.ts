/**
 * @module Flowless and the starter as real processes for the browser journeys, on 127.0.0.1 with
 * libSQL files in a temporary folder (the end-to-end {@link E2eSystem}), configured to be opened
 * at `http://localhost:<port>` the way `npm start` is: the hosted pages are the front end, the
 * session cookie is shared by the two ports, passkeys belong to `localhost`. Mail goes to the
 * auth server's outbox in the data folder.
 */
import { freePort } from '../../../scripts/start/child-process.js';
import { localhostAuthEnv } from '../../../scripts/start/localhost-env.js';
import { E2eSystem } from '../../e2e/support/e2e-system.js';
import { type MailFilter, type OutboxMail, waitForMail } from '../../e2e/support/outbox.js';

/** Options of {@link startBrowserSystem}. */
export interface BrowserSystemOptions {
  /** Also start a starter instance (its console on {@link BrowserSystem.starterUrl}). @default false */
  starter?: boolean;
  /** Variables for both processes, e.g. `{ REQUIRE_EMAIL_VERIFICATION: 'true' }`. */
  env?: Record<string, string>;
}

/** The running processes and the URLs a browser opens them at. */
export interface BrowserSystem {
  readonly system: E2eSystem;
  /** Flowless for the browser: `http://localhost:<port>`. */
  readonly authUrl: string;
  /** The starter for the browser, or null when not started. */
  readonly starterUrl: string | null;
  /**
   * The newest mail matching `filter`, waiting up to `timeoutMs` (5 s) for it: some mail is sent
   * in the background.
   */
  mail(filter?: MailFilter, timeoutMs?: number): Promise<OutboxMail>;
  /** Stops every process. */
  close(): Promise<void>;
}

const localhost = (port: number): string => `http://localhost:${port}`;

/**
 * Starts Flowless (and a starter when asked); close it in `afterAll`. Each process loads the
 * TypeScript sources through tsx, which takes seconds on a busy machine: give the hook 90 s.
 *
 * @example
 * ```ts
 * let app: BrowserSystem;
 * beforeAll(async () => { app = await startBrowserSystem({ starter: true }); }, 90_000);
 * afterAll(() => app.close());
 * ```
 */
export async function startBrowserSystem(options: BrowserSystemOptions = {}): Promise<BrowserSystem> {
  const system = new E2eSystem(options.env);
  const authUrl = localhost(await system.reserveAuthPort());
  const starterPort = options.starter ? await freePort() : null;
  const starterUrl = starterPort === null ? null : localhost(starterPort);
  try {
    await system.startAuth(localhostAuthEnv(authUrl, starterUrl ?? authUrl));
    if (starterPort !== null) await system.startStarter({ FLOWLESS_PUBLIC_URL: authUrl }, starterPort);
  } catch (error) {
    await system.close();
    throw error;
  }
  return {
    system,
    authUrl,
    starterUrl,
    mail: (filter = {}, timeoutMs = 5000) => waitForMail(system.dataDir, filter, timeoutMs),
    close: () => system.close(),
  };
}
