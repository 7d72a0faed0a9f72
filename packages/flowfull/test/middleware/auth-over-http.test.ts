import type { BridgeValidatorOptions } from 'flowfull/bridge';
import { bridgeAuth, requireAuth } from 'flowfull/middleware';
import type { ValidationModeOptions } from 'flowfull/validation';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { type Served, serveApp, useContractAuth } from '../support/index.js';

// The app is served over a socket (the client address matters); Flowless is reached in memory.
const { flowless, makeValidator } = useContractAuth({
  sessions: {
    'sess-local': { user_id: 'u-local', ip_address: '127.0.0.1', user_agent: 'UA/1', device_id: 'dev-1' },
    'sess-proxied': {
      user_id: 'u-proxied',
      ip_address: '203.0.113.9',
      user_agent: 'UA/1',
      device_id: 'dev-1',
    },
  },
});
const servers: Served[] = [];

/** A route behind requireAuth() and a validator in the given mode, served over real HTTP. */
async function protectedServer(
  mode: ValidationModeOptions,
  extra: { trustedProxies?: string[]; hostname?: string; validator?: Partial<BridgeValidatorOptions> } = {},
): Promise<Served> {
  const validator = makeValidator({ validationMode: mode, ...extra.validator });
  const app = new Hono();
  app.use('*', bridgeAuth({ validator, trustedProxies: extra.trustedProxies ?? [] }));
  app.get('/api/v1/protected', requireAuth(), async (c) => {
    const userId = c.get('user_id');
    return c.json({ message: 'Protected data', userId });
  });
  const served = await serveApp(app, extra.hostname);
  servers.push(served);
  return served;
}

async function call(
  served: Served,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${served.url}/api/v1/protected`, { headers });
  return { status: response.status, body: await response.json() };
}

const fingerprint = { 'user-agent': 'UA/1', 'x-device-id': 'dev-1' };

afterEach(async () => {
  await Promise.all(servers.splice(0).map((served) => served.close()));
});

describe('auth middleware over HTTP with validation modes', () => {
  it('serves the documented example to a request whose fingerprint matches (ADVANCED)', async () => {
    const served = await protectedServer({ mode: 'ADVANCED' });
    expect(await call(served, { 'x-session-id': 'sess-local', ...fingerprint })).toEqual({
      status: 200,
      body: { message: 'Protected data', userId: 'u-local' },
    });
  });

  it('refuses a changed User-Agent or device id under ADVANCED with 401 SESSION_VIOLATION', async () => {
    const served = await protectedServer({ mode: 'ADVANCED' });
    const ua = await call(served, {
      'x-session-id': 'sess-local',
      'user-agent': 'UA/2',
      'x-device-id': 'dev-1',
    });
    const device = await call(served, {
      'x-session-id': 'sess-local',
      'user-agent': 'UA/1',
      'x-device-id': 'dev-2',
    });
    for (const result of [ua, device]) {
      expect(result).toEqual({
        status: 401,
        body: { success: false, error: 'Session security check failed', code: 'SESSION_VIOLATION' },
      });
    }
  });

  it('STANDARD ignores User-Agent and device changes but not the IP', async () => {
    const served = await protectedServer({ mode: 'STANDARD' });
    expect((await call(served, { 'x-session-id': 'sess-local', 'user-agent': 'other' })).status).toBe(200);
    expect((await call(served, { 'x-session-id': 'sess-proxied', ...fingerprint })).status).toBe(401);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const trusting = await protectedServer({ mode: 'STANDARD' }, { trustedProxies: ['127.0.0.0/8'] });
    expect(
      (await call(trusting, { 'x-session-id': 'sess-proxied', 'x-forwarded-for': '203.0.113.9' })).status,
    ).toBe(200);
    expect(
      (await call(trusting, { 'x-session-id': 'sess-proxied', 'x-forwarded-for': '198.51.100.1' })).status,
    ).toBe(401);
    const untrusting = await protectedServer({ mode: 'STANDARD' });
    expect(
      (await call(untrusting, { 'x-session-id': 'sess-proxied', 'x-forwarded-for': '203.0.113.9' })).status,
    ).toBe(401);
  });

  it('compares an IPv4-mapped IPv6 socket address with its IPv4 form', async () => {
    const served = await protectedServer({ mode: 'STANDARD' }, { hostname: '::' });
    expect((await call(served, { 'x-session-id': 'sess-local' })).status).toBe(200);
  });

  it('STRICT invalidates the session at Flowless on a violation', async () => {
    flowless.addSession('sess-strict', { user_id: 'u-strict', ip_address: '127.0.0.1', user_agent: 'UA/1' });
    const served = await protectedServer({ mode: 'STRICT' });
    expect((await call(served, { 'x-session-id': 'sess-strict', 'user-agent': 'evil' })).status).toBe(401);
    expect(flowless.invalidateCalls).toBe(1);
    const after = await call(served, { 'x-session-id': 'sess-strict', 'user-agent': 'UA/1' });
    expect(after).toEqual({
      status: 401,
      body: { success: false, error: 'Invalid session', code: 'SESSION_INVALID' },
    });
  });

  it('with enforcement off, lets a violation through and logs it without the session id', async () => {
    const logs: string[] = [];
    const logger = {
      warn: (f: Record<string, unknown>, m: string) => logs.push(`${m} ${JSON.stringify(f)}`),
    };
    const served = await protectedServer({ mode: 'ADVANCED', enabled: false, logger });
    expect(
      (await call(served, { 'x-session-id': 'sess-local', 'user-agent': 'UA/9', 'x-device-id': 'dev-1' }))
        .status,
    ).toBe(200);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('user_agent_mismatch');
    expect(logs[0]).toContain('u-local');
    expect(logs[0]).not.toContain('sess-local');
  });
});

describe('auth middleware under load', () => {
  it('1,000 concurrent requests with one cold session id make one Flowless call', async () => {
    flowless.addSession('sess-burst', { user_id: 'u-burst' });
    flowless.setLatency(30);
    const app = new Hono();
    app.use('*', bridgeAuth({ validator: makeValidator() }));
    app.get('/p', requireAuth(), (c) => c.text(c.get('user_id')));
    try {
      const responses = await Promise.all(
        Array.from({ length: 1000 }, () => app.request('/p', { headers: { 'X-Session-ID': 'sess-burst' } })),
      );
      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(flowless.validateCalls).toBe(1);
    } finally {
      flowless.setLatency(0);
    }
  });

  it('a flood of bogus ids makes at most one Flowless call per distinct id', async () => {
    const app = new Hono();
    app.use('*', bridgeAuth({ validator: makeValidator() }));
    app.get('/p', requireAuth(), (c) => c.text('ran'));
    const responses = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        app.request('/p', { headers: { 'X-Session-ID': `bogus-${i % 20}` } }),
      ),
    );
    expect(responses.every((r) => r.status === 401)).toBe(true);
    expect(flowless.validateCalls).toBe(20);
  });
});
