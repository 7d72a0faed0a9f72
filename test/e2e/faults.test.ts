import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eSystem, request, within } from './support/e2e-system.js';

describe('end to end: STRICT mode, auth server outage, SIGTERM', () => {
  const system = new E2eSystem({ BRIDGE_RETRY_ATTEMPTS: '0', BRIDGE_TIMEOUT_MS: '1000' });
  let strict: string;
  let standard: { url: string; child: Awaited<ReturnType<E2eSystem['startStarter']>>['child'] };

  beforeAll(async () => {
    await system.startAuth();
    strict = (await system.startStarter({ AUTH_VALIDATION_MODE: 'STRICT' })).url;
    standard = await system.startStarter({ AUTH_VALIDATION_MODE: 'STANDARD' });
  }, 90_000);
  afterAll(async () => system.close(), 30_000);

  it('STRICT: a changed User-Agent refuses the request and revokes the session at the auth server', async () => {
    const user = await system.signUp('carol', 'agent-A');
    expect(
      (await request(`${strict}/api/v1/protected`, { session: user.sessionId, userAgent: 'agent-A' })).status,
    ).toBe(200);
    const changed = await request(`${strict}/api/v1/protected`, {
      session: user.sessionId,
      userAgent: 'agent-B',
    });
    expect(changed.status).toBe(401);
    expect(changed.body.code).toBe('SESSION_VIOLATION');
    const revoked = await within(1000, async () => {
      const res = await request(`${system.authUrl}/auth/validation`, {
        session: user.sessionId,
        userAgent: 'agent-A',
      });
      return res.status === 401;
    });
    expect(revoked).not.toBeNull();
    expect(
      (await request(`${strict}/api/v1/protected`, { session: user.sessionId, userAgent: 'agent-A' })).status,
    ).toBe(401);
  });

  it('auth server down: cached sessions keep working, new ones get 503; after a restart everything recovers', async () => {
    const cached = await system.signUp('dave');
    const fresh = await system.signUp('erin');
    expect((await request(`${standard.url}/api/v1/protected`, { session: cached.sessionId })).status).toBe(
      200,
    );
    const auth = system.authPort;
    await system.stopAuth();
    expect(system.authPort).toBe(auth);
    expect((await request(`${standard.url}/api/v1/protected`, { session: cached.sessionId })).status).toBe(
      200,
    );
    const unknown = await request(`${standard.url}/api/v1/protected`, { session: fresh.sessionId });
    expect(unknown.status).toBe(503);
    expect(unknown.body).toMatchObject({ success: false, code: 'AUTH_UNAVAILABLE' });
    expect((await request(`${standard.url}/health/ready`)).status).toBe(503);
    await system.startAuth();
    const recovered = await within(15_000, async () => {
      const res = await request(`${standard.url}/api/v1/protected`, { session: fresh.sessionId });
      return res.status === 200;
    });
    expect(recovered).not.toBeNull();
    expect((await request(`${standard.url}/health/ready`)).status).toBe(200);
  }, 60_000);

  it('SIGTERM during requests: every request in flight is answered, later ones are refused, exit 0', async () => {
    const port = Number(new URL(standard.url).port);
    const connected: Promise<void>[] = [];
    const one = () =>
      new Promise<string>((resolve) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/api/v1/items?limit=100', agent: false },
          (res) => {
            res.resume();
            res.on('end', () => resolve(String(res.statusCode)));
            res.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'response-error'));
          },
        );
        connected.push(
          new Promise((done) => req.once('socket', (socket) => socket.once('connect', () => done()))),
        );
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'request-error'));
        req.end();
      });
    const inFlight = Array.from({ length: 30 }, one);
    await Promise.all(connected);
    // Let the server accept the connections; their requests are then in flight when SIGTERM lands.
    await new Promise((resolve) => setTimeout(resolve, 150));
    standard.child.process.kill('SIGTERM');
    expect(await Promise.all(inFlight)).toEqual(Array.from({ length: 30 }, () => '200'));
    expect(await standard.child.exited).toBe(0);
    expect(await one()).toBe('ECONNREFUSED');
  }, 60_000);
});
