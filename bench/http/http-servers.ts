/**
 * @module The servers of `npm run bench:http`, run in child processes so that the load generator
 * does not share their event loop. Role `flowless`: a Flowless-contract server that accepts every
 * id starting with `bench-`. Role `flowfull`: a bare Hono app, the same route behind two no-op
 * middlewares, behind `requireAuth()` (ADVANCED mode, with and without Redis as the shared cache)
 * and forwarding every request's validate call to Flowless with no validator (the cold floor). Each reports its URLs to the parent over IPC.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { BridgeValidator, nodeHttpTransport } from 'flowfull/bridge';
import { bridgeAuth, requireAuth } from 'flowfull/middleware';
import { Hono } from 'hono';
import { FlowlessContractServer } from '../../packages/flowfull/src/testing/index.js';
import { BENCH_DEVICE, BENCH_USER_AGENT } from './bench-fingerprint.js';

function listen(app: Hono): Promise<string> {
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
}

async function startFlowless(): Promise<Record<string, string>> {
  const flowless = await FlowlessContractServer.start({
    resolveSession: (id) =>
      id.startsWith('bench-')
        ? {
            user_id: `u-${id}`,
            // flowfull-node's requireUser() (bench:peers) admits user types admin, user and guest.
            user_type: 'user',
            ip_address: '127.0.0.1',
            user_agent: BENCH_USER_AGENT,
            device_id: BENCH_DEVICE,
          }
        : undefined,
  });
  return { url: flowless.url, secret: flowless.secret };
}

/** The bare app, the protected app (with Redis when given) and, with Redis, a second one without it. */
async function startFlowfull(): Promise<Record<string, string>> {
  const bare = new Hono();
  bare.get('/api/v1/items', (c) => c.json({ items: [] }));
  // The floor of any middleware: the same route behind an app-level and a route-level no-op.
  const noop = new Hono();
  noop.use('*', async (_c, next) => {
    await next();
  });
  noop.get(
    '/api/v1/items',
    async (_c, next) => {
      await next();
    },
    (c) => c.json({ items: [] }),
  );

  // The floor of any remote validation: the same route forwarding the same validate call to Flowless
  // over the same keep-alive transport, with no cache, no validator and no checks.
  const forward = new Hono();
  const transport = nodeHttpTransport();
  const validateUrl = `${process.env.BENCH_FLOWLESS_URL ?? ''}/auth/bridge/validate`;
  forward.get('/api/v1/items', async (c) => {
    const reply = await transport.post(validateUrl, {
      headers: {
        'content-type': 'application/json',
        'x-bridge-secret': process.env.BENCH_FLOWLESS_SECRET ?? '',
      },
      body: JSON.stringify({
        session_id: c.req.header('x-session-id'),
        ip: '127.0.0.1',
        user_agent: c.req.header('user-agent'),
        device_id: c.req.header('x-device-id'),
      }),
      signal: AbortSignal.timeout(5000),
    });
    return reply.status === 200 ? c.json({ items: [] }) : c.json({ success: false }, 401);
  });

  const redisUrl = process.env.BENCH_REDIS_URL || null;
  const authApp = async (redis: string | null): Promise<string> => {
    const validator = new BridgeValidator({
      flowlessApiUrl: process.env.BENCH_FLOWLESS_URL ?? '',
      validationSecret: process.env.BENCH_FLOWLESS_SECRET ?? '',
      redis,
      keyPrefix: `bench:http:${process.pid}`,
      revocationChannel: `bench:http:revocations:${process.pid}`,
      validationMode: { mode: 'ADVANCED' },
      maxSize: 100_000,
    });
    await validator.ready();
    const app = new Hono();
    app.use('*', bridgeAuth({ validator }));
    app.get('/api/v1/items', requireAuth(), (c) => c.json({ items: [] }));
    return listen(app);
  };
  return {
    bare: await listen(bare),
    noop: await listen(noop),
    forward: await listen(forward),
    auth: await authApp(redisUrl),
    authLocal: redisUrl === null ? '' : await authApp(null),
  };
}

const role = process.argv[2];
const urls = role === 'flowless' ? await startFlowless() : await startFlowfull();
process.send?.({ ready: true, ...urls });
