/**
 * @module The server of `npm run bench:pages`, run in a child process so that the load generator
 * does not share its event loop: the Flowless app on the PostgreSQL database the parent seeded
 * (its URL is the first argument; production Argon2id, no Redis), served by flowfull's `serve`. Reports its URL and every page route
 * (`pageRoutesOf`) to the parent over IPC, answers `cpu` with the process's CPU time so far (µs),
 * exits on `exit`.
 */
import { createDatabase } from 'flowfull/db';
import { serve } from 'flowfull/server';
import { createFlowlessApp } from '../../packages/flowless/src/app.js';
import { loadFlowlessConfig } from '../../packages/flowless/src/config/flowless-config.js';
import type { FlowlessDatabase } from '../../packages/flowless/src/db/schema.js';
import { createMemoryMailer } from '../../packages/flowless/src/mail/mailer.js';
import { pageRoutesOf } from '../../packages/flowless/src/pages/page-router.js';
import { createPasswordHasher } from '../../packages/flowless/src/passwords/password-hasher.js';

/** What the child reports once it listens. */
export interface PagesServer {
  type: 'ready';
  url: string;
  /** `"get /admin/users/:id"`, as registered. */
  routes: string[];
}

const UNLIMITED = '1000000';
const config = loadFlowlessConfig(
  {
    DATABASE_URL: process.argv[2] ?? '',
    BRIDGE_VALIDATION_SECRET: 'bench-bridge-secret-0123456789abcdefghij',
    SESSION_COOKIE_SECURE: 'false',
    // Every request of the run comes from 127.0.0.1: the per-address limits must not answer instead of the pages.
    RATE_LIMIT_DEFAULT_MAX: UNLIMITED,
    RATE_LIMIT_LOGIN_MAX: UNLIMITED,
  },
  { dotenv: false },
);
const db = await createDatabase<FlowlessDatabase>(config);
const flowless = await createFlowlessApp({
  config,
  db,
  mailer: createMemoryMailer(),
  hasher: createPasswordHasher(),
});
const running = await serve(flowless.app, {
  port: 0,
  hostname: '127.0.0.1',
  signals: [],
  onClose: async () => {
    await flowless.close();
    await db.destroy();
  },
});

const ready: PagesServer = { type: 'ready', url: running.url, routes: [...pageRoutesOf(flowless.app)] };
process.send?.(ready);
process.on('message', (message: { type?: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', us: user + system });
  } else if (message.type === 'exit') {
    void running.close().finally(() => process.exit(0));
  }
});
