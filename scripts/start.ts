/**
 * @module `npm start`: the auth server (port 3000) and the starter (port 3001) on embedded libSQL
 * files under ./.data, memory-only caches unless REDIS_URL is set, development secrets generated
 * once under ./.data (mode 0600, never printed). Prints both URLs and a working curl sequence;
 * Ctrl-C or SIGTERM stops both cleanly.
 */
import { resolve } from 'node:path';
import { startChild, waitForHealthy } from './start/child-process.js';
import { ensureDevSecrets } from './start/dev-secrets.js';
import { curlSequence, runSmokeCheck } from './start/smoke-check.js';

const AUTH_PORT = 3000;
const API_PORT = 3001;
const dataDir = resolve('.data');
const { bridgeSecret } = await ensureDevSecrets(dataDir);

const shared = {
  ...process.env,
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  BRIDGE_VALIDATION_SECRET: bridgeSecret,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
};
const flowless = startChild('flowless', 'packages/flowless/src/cli/flowless.ts', ['serve'], {
  ...shared,
  PORT: String(AUTH_PORT),
  DATABASE_URL: `file:${resolve(dataDir, 'flowless.db')}`,
  REQUIRE_EMAIL_VERIFICATION: 'false',
  SESSION_COOKIE_SECURE: 'false',
});
const starter = startChild('starter', 'apps/starter/src/main.ts', [], {
  ...shared,
  PORT: String(API_PORT),
  DATABASE_URL: `file:${resolve(dataDir, 'starter.db')}`,
  FLOWLESS_API_URL: `http://127.0.0.1:${AUTH_PORT}`,
});
const children = [flowless, starter];

let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping the starter and the auth server...');
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
  ]);
  await runSmokeCheck(`http://127.0.0.1:${AUTH_PORT}`, `http://127.0.0.1:${API_PORT}`);
} catch (error) {
  console.error(`Start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}

console.log(`
Flowless (auth server)  http://localhost:${AUTH_PORT}
Starter (your API)      http://localhost:${API_PORT}   (OpenAPI: /openapi.json, metrics: /metrics)
Data, keys and secrets  ${dataDir}

Try it:
${curlSequence(`http://localhost:${AUTH_PORT}`, `http://localhost:${API_PORT}`)}

Ctrl-C stops both.
`);
