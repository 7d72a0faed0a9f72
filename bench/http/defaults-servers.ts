/**
 * @module The servers of the server-defaults section of `npm run bench:http`, run in a child
 * process of their own so that its CPU time (`process.cpuUsage()`, asked for over IPC with `cpu`)
 * divided by the requests it answered is the work per request of the row under load. One app per
 * row: a bare Hono route (the floor), the same route behind each default alone, the full
 * `applyServerDefaults()` (`GET /health`), and a protected route behind the full defaults with
 * `bridgeAuth()` + `requireAuth()` in ADVANCED mode on a warm cache, its request log on (pino
 * writing to /dev/null). Reports `{ type: 'ready', urls }` over IPC; exits on `exit`.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { BridgeValidator } from 'flowfull/bridge';
import { bridgeAuth, requireAuth } from 'flowfull/middleware';
import {
  applyServerDefaults,
  corsOrigins,
  createHttpMetrics,
  createServerLogger,
  errorEnvelope,
  limitBody,
  requestId,
  requestLogger,
  securityHeaders,
  silentServerLogger,
} from 'flowfull/server';
import { Hono, type MiddlewareHandler } from 'hono';
import pino from 'pino';

/** What the child reports once every app listens. */
export interface DefaultsServers {
  type: 'ready';
  /** Row key → URL to load. */
  urls: Record<string, string>;
}

function listen(app: Hono): Promise<string> {
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
}

const route = (app: Hono): Hono => {
  app.get('/health', (c) => c.json({ status: 'ok' }));
  return app;
};
const alone = (middleware: MiddlewareHandler): Hono => {
  const app = new Hono();
  app.use(middleware);
  return route(app);
};

const singles: Record<string, MiddlewareHandler> = {
  requestId: requestId(),
  requestLog: requestLogger({ logger: silentServerLogger }),
  metrics: createHttpMetrics({ processMetrics: false }).metrics(),
  errorEnvelope: errorEnvelope(),
  securityHeaders: securityHeaders(),
  cors: corsOrigins({ origins: ['https://app.example.com'] }),
  bodyLimit: limitBody(),
};

async function protectedApp(): Promise<Hono> {
  const validator = new BridgeValidator({
    flowlessApiUrl: process.env.BENCH_FLOWLESS_URL ?? '',
    validationSecret: process.env.BENCH_FLOWLESS_SECRET ?? '',
    redis: null,
    validationMode: { mode: 'ADVANCED' },
    maxSize: 100_000,
  });
  await validator.ready();
  // The request log is on, as in production: pino writing each line synchronously, as it does to
  // standard output, here to /dev/null.
  const logger = createServerLogger({ destination: pino.destination({ dest: '/dev/null', sync: true }) });
  const app = applyServerDefaults(new Hono(), { logger, corsOrigins: ['https://app.example.com'] });
  app.use(bridgeAuth({ validator }));
  app.get('/api/v1/protected', requireAuth(), (c) =>
    c.json({ message: 'Protected data', userId: c.get('user_id') }),
  );
  return app;
}

const urls: Record<string, string> = { bare: `${await listen(route(new Hono()))}/health` };
for (const [key, middleware] of Object.entries(singles)) {
  urls[key] = `${await listen(alone(middleware))}/health`;
}
const defaults = applyServerDefaults(new Hono(), {
  logger: silentServerLogger,
  corsOrigins: ['https://app.example.com'],
});
urls.defaults = `${await listen(defaults)}/health`;
if (process.env.BENCH_FLOWLESS_URL) urls.protected = `${await listen(await protectedApp())}/api/v1/protected`;

process.send?.({ type: 'ready', urls } satisfies DefaultsServers);
process.on('message', (message: { type?: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', us: user + system });
  } else if (message.type === 'exit') {
    process.exit(0);
  }
});
