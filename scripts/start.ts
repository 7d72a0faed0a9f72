/**
 * @module `npm start`: the auth server (port 3000), the starter (port 3001) and the session vault
 * (port 3002) on embedded libSQL
 * files under ./.data, memory-only caches unless REDIS_URL is set, development secrets generated
 * once under ./.data (mode 0600, never printed). Prints the URLs and a working curl sequence;
 * Ctrl-C or SIGTERM stops all three cleanly. The printed URLs use `localhost`, not 127.0.0.1: the
 * session cookie Flowless's sign-in page sets is then sent to the starter's console on the other
 * port (cookies belong to a host, not a port), and passkeys work (localhost is a secure context).
 */
import { resolve } from 'node:path';
import { defaultOf, flowfullVariables } from 'flowfull/config';
import { DEFAULT_VAULT_PORT } from '../apps/vault/src/config.js';
import { flowlessSection } from '../packages/flowless/src/config/flowless-section.js';
import { startChild, waitForHealthy } from './start/child-process.js';
import { ensureDevSecrets } from './start/dev-secrets.js';
import { localhostAuthEnv } from './start/localhost-env.js';
import { curlSequence, runSmokeCheck } from './start/smoke-check.js';

const AUTH_PORT = defaultOf(flowlessSection.PORT);
const API_PORT = defaultOf(flowfullVariables.PORT);
const VAULT_PORT = DEFAULT_VAULT_PORT;
const AUTH_PUBLIC = `http://localhost:${AUTH_PORT}`;
const CONSOLE_PUBLIC = `http://localhost:${API_PORT}`;
const dataDir = resolve('.data');
const { bridgeSecret } = await ensureDevSecrets(dataDir);

const shared = {
  ...process.env,
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  BRIDGE_VALIDATION_SECRET: bridgeSecret,
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
};
const flowless = startChild('flowless', 'packages/flowless/src/cli/flowless.ts', ['serve'], {
  ...shared,
  PORT: String(AUTH_PORT),
  DATABASE_URL: `file:${resolve(dataDir, 'flowless.db')}`,
  REQUIRE_EMAIL_VERIFICATION: 'false',
  SESSION_COOKIE_SECURE: 'false',
  ...localhostAuthEnv(AUTH_PUBLIC, CONSOLE_PUBLIC),
});
const starter = startChild('starter', 'apps/starter/src/main.ts', [], {
  ...shared,
  PORT: String(API_PORT),
  DATABASE_URL: `file:${resolve(dataDir, 'starter.db')}`,
  FLOWLESS_API_URL: `http://127.0.0.1:${AUTH_PORT}`,
  FLOWLESS_PUBLIC_URL: AUTH_PUBLIC,
});
// The vault's master key is generated under ./.data on first start (development only, mode 0600).
const vault = startChild('vault', 'apps/vault/src/main.ts', [], {
  ...shared,
  PORT: String(VAULT_PORT),
  DATABASE_URL: `file:${resolve(dataDir, 'vault.db')}`,
  FLOWLESS_API_URL: `http://127.0.0.1:${AUTH_PORT}`,
});
const children = [flowless, starter, vault];

let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping the vault, the starter and the auth server...');
    await Promise.all(children.map((child) => child.stop()));
  }
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
for (const child of children) {
  void child.exited.then((code) => {
    if (!stopping) {
      console.error(`${child.name} exited unexpectedly (code ${code}); stopping.`);
      void stopAll(1);
    }
  });
}

try {
  await Promise.all([
    waitForHealthy(`http://127.0.0.1:${AUTH_PORT}/health`, 60_000, flowless.exited),
    waitForHealthy(`http://127.0.0.1:${API_PORT}/health`, 60_000, starter.exited),
    waitForHealthy(`http://127.0.0.1:${VAULT_PORT}/health`, 60_000, vault.exited),
  ]);
  await runSmokeCheck(`http://127.0.0.1:${AUTH_PORT}`, `http://127.0.0.1:${API_PORT}`);
} catch (error) {
  console.error(`Start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}

console.log(`
Flowless (auth server)  ${AUTH_PUBLIC}/   sign-in: /sign-in, account: /account, admin: /admin
Starter console         ${CONSOLE_PUBLIC}/   (sign in, then list and create items; docs/starter.md)
Starter API             ${CONSOLE_PUBLIC}/api/v1   (OpenAPI: /openapi.json, metrics: /metrics)
Session vault           http://localhost:${VAULT_PORT}   (docs/session-vault.md)
Data, keys and secrets  ${dataDir}

Open the addresses with localhost, as printed: the session cookie is shared between the ports of one host.

Try it:
${curlSequence(AUTH_PUBLIC, CONSOLE_PUBLIC)}

Ctrl-C stops all three.
`);
