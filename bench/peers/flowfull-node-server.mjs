/**
 * @module The flowfull-node peer server of `npm run bench:peers`, run as a child process from the
 * throwaway folder the bench exported flowfull-node into (its code is run there, never copied into
 * this project). Picks a free port, sets `HOST`/`PORT`, imports flowfull-node's own Node entry
 * (`src/node.ts`, loaded by its own `tsx`, as its `start:node` script does), waits until its
 * `GET /api/v1/protected` answers 200 for the bench session (the first call validates with the
 * Flowless-contract server and fills its cache), then reports `{ type: 'ready', url }` over IPC,
 * answers `cpu` with the process's CPU time so far (µs) and exits on `exit`. Plain JavaScript, for
 * the same reason as `better-auth-server.mjs`.
 */
import { createServer } from 'node:net';

const port = await new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
process.env.HOST = '127.0.0.1';
process.env.PORT = String(port);
await import(new URL('./src/node.ts', `file://${process.cwd()}/`).href);

const url = `http://127.0.0.1:${port}/api/v1/protected`;
const headers = { 'x-session-id': process.env.BENCH_SESSION_ID ?? '' };
let last = 'no answer';
for (let attempt = 0; attempt < 100; attempt++) {
  try {
    const response = await fetch(url, { headers });
    last = `${response.status} ${await response.text()}`;
    if (response.status === 200) break;
  } catch (error) {
    last = String(error);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
if (!last.startsWith('200')) throw new Error(`flowfull-node's protected route answered ${last}`);

process.send?.({ type: 'ready', url });
process.on('message', (message) => {
  if (message?.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', us: user + system });
  } else if (message?.type === 'exit') {
    process.exit(0);
  }
});
