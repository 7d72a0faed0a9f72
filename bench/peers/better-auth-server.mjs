/**
 * @module The peer server of `npm run bench:peers`: better-auth (installed by the bench into a
 * throwaway folder, never a dependency of this project) with its memory adapter, email and
 * password sign-in and its own Node handler (`better-auth/node`), run as a child process. Signs one
 * user up, reports `{ type: 'ready', url, cookie }` over IPC, answers `cpu` with the process's CPU
 * time so far (µs), exits on `exit`. Plain JavaScript: it runs from the throwaway folder, where
 * `better-auth` resolves and this project's TypeScript loader does not.
 */
import { createServer } from 'node:http';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { toNodeHandler } from 'better-auth/node';

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const auth = betterAuth({
  baseURL: url,
  secret: 'bench-peers-secret-0123456789abcdefghijklmnop',
  database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
  emailAndPassword: { enabled: true },
  // Measured: the session route itself, not the limiter in front of it.
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
});
server.on('request', toNodeHandler(auth));

const signUp = await auth.api.signUpEmail({
  body: { email: 'bench@example.test', password: 'correct horse battery staple', name: 'Bench' },
  asResponse: true,
});
const cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0];
const check = await fetch(`${url}/api/auth/get-session`, { headers: { cookie } });
const session = await check.json();
if (check.status !== 200 || !session?.user) throw new Error(`get-session answered ${check.status}`);

process.send?.({ type: 'ready', url: `${url}/api/auth/get-session`, cookie });
process.on('message', (message) => {
  if (message?.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', us: user + system });
  } else if (message?.type === 'exit') {
    process.exit(0);
  }
});
