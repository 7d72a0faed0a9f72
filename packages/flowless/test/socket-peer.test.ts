/**
 * Flowless reads the client's socket address with flowfull's `socketAddress()`: served over real
 * HTTP on 127.0.0.1, a login records the TCP peer as the session's IP, and an `X-Forwarded-For`
 * from a peer outside `TRUSTED_PROXIES` is ignored. The rule is HTTP-only, so libSQL.
 */
import { type RunningServer, serve } from 'flowfull/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRIDGE_SECRET,
  freshDatabase,
  type Harness,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'socket peer password';

describe('Flowless served over HTTP', () => {
  let h: Harness;
  let server: RunningServer;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_socket_peer'));
    server = await serve(h.app, { port: 0, hostname: '127.0.0.1', signals: [], onShutdown: h.endStreams });
    await seedUser(h, { email: 'peer@example.test', password: PASSWORD });
  });
  afterAll(async () => {
    await server.close();
    await h.close();
    await h.handle.db.destroy();
  });

  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('records the socket peer as the session IP, not an untrusted X-Forwarded-For', async () => {
    const loggedIn = await post(
      '/auth/login',
      { 'x-forwarded-for': '203.0.113.9' },
      { email: 'peer@example.test', password: PASSWORD },
    );
    expect(loggedIn.status).toBe(200);
    const { session_id } = (await loggedIn.json()) as { session_id: string };
    const validated = await post(
      '/auth/bridge/validate',
      { 'x-bridge-secret': BRIDGE_SECRET },
      { session_id },
    );
    expect(validated.status).toBe(200);
    expect(((await validated.json()) as { session: { ip_address: string } }).session.ip_address).toBe(
      '127.0.0.1',
    );
  });
});
