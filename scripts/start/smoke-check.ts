/**
 * @module The curl sequence `npm start` prints, and the same sequence run once against the fresh
 * servers to prove it works (with a throwaway user; its session id is never printed).
 */
import { randomUUID } from 'node:crypto';

/**
 * The sequence for humans.
 */
export function curlSequence(auth: string, api: string): string {
  const body = `'{"email":"ada@example.com","password":"plum-orbit-lantern-42","name":"Ada"}'`;
  return [
    '# 1. register',
    `curl -s -X POST ${auth}/auth/register/public -H 'Content-Type: application/json' -d ${body}`,
    '# 2. log in and keep the session id',
    `SESSION=$(curl -s -X POST ${auth}/auth/login -H 'Content-Type: application/json' \\`,
    `  -d '{"email":"ada@example.com","password":"plum-orbit-lantern-42"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).session_id')`,
    '# 3. call protected routes',
    `curl -s ${api}/api/v1/protected -H "X-Session-ID: $SESSION"`,
    `curl -s -X POST ${api}/api/v1/items -H "X-Session-ID: $SESSION" -H 'Content-Type: application/json' -d '{"title":"milk","is_public":true}'`,
    `curl -s ${api}/api/v1/items -H "X-Session-ID: $SESSION"`,
  ].join('\n');
}

/**
 * Registers a throwaway user, logs in, calls the protected route and opens the console with the
 * session cookie; resolves when both know that user.
 */
export async function runSmokeCheck(auth: string, api: string): Promise<void> {
  const email = `smoke-${randomUUID()}@example.com`;
  const password = `smoke-${randomUUID()}`;
  const json = { 'Content-Type': 'application/json' };
  const registered = await fetch(`${auth}/auth/register/public`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password, name: 'Smoke' }),
  });
  if (!registered.ok) throw new Error(`register answered ${registered.status}`);
  const login = await fetch(`${auth}/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password }),
  });
  const session = ((await login.json()) as { session_id?: unknown }).session_id;
  if (!login.ok || typeof session !== 'string') throw new Error(`login answered ${login.status}`);
  const protectedRes = await fetch(`${api}/api/v1/protected`, { headers: { 'X-Session-ID': session } });
  const body = (await protectedRes.json()) as { userId?: unknown };
  if (!protectedRes.ok || typeof body.userId !== 'string') {
    throw new Error(`protected route answered ${protectedRes.status}`);
  }
  // The console signs the same session in from the cookie the hosted sign-in page sets.
  const consoleRes = await fetch(`${api}/`, { headers: { Cookie: `session_id=${session}` } });
  if (!consoleRes.ok || !(await consoleRes.text()).includes('id="signed-in-as"')) {
    throw new Error(`the console at / answered ${consoleRes.status} without the signed-in page`);
  }
  await fetch(`${auth}/auth/logout`, { method: 'POST', headers: { 'X-Session-ID': session } });
}
