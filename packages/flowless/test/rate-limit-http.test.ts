/**
 * Per-IP and per-user rate limits through the HTTP app, on the in-memory counter backend (no
 * Redis) and libSQL: the `default` limit on the state-changing and session routes, the routes it
 * must not touch, `X-Forwarded-For` from trusted and untrusted peers, IPv6 prefixes, and the
 * per-user limit of `POST /auth/invalidate/me`, and the verification budget that email-change
 * requests and confirmations spend. Time comes from a frozen clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frozenClock } from '../src/runtime/clock.js';
import {
  BRIDGE_SECRET,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';
import { callFrom } from './support/peer-request.js';

const MAX = 3;
const PROXY = '10.0.0.1';

/** Every route that takes the `default` limit, with a path that reaches its handler. */
const DEFAULT_LIMITED: ReadonlyArray<readonly [string, string]> = [
  ['POST', '/auth/logout'],
  ['POST', '/auth/refresh'],
  ['POST', '/auth/refresh-session'],
  ['PUT', '/auth/user/me'],
  ['PUT', '/auth/profile'],
  ['POST', '/auth/password-change/self'],
  ['POST', '/auth/password-change/admin'],
  ...['/auth/users', '/auth/admin/users'].flatMap((base) => [
    ['GET', base] as const,
    ['POST', base] as const,
    ['GET', `${base}/usr_x`] as const,
    ['PUT', `${base}/usr_x`] as const,
    ['PATCH', `${base}/usr_x`] as const,
    ['DELETE', `${base}/usr_x`] as const,
  ]),
];

describe('Flowless rate limits over HTTP, in memory, on libsql', () => {
  let h: Harness;
  const clock = frozenClock(Date.UTC(2031, 0, 1));
  let ipCounter = 0;
  /** A documentation-range IPv4 address no other test has used. */
  const freshIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
  const logout = (peer: string, forwardedFor?: string) =>
    callFrom(h, peer, 'POST', '/auth/logout', {
      ...(forwardedFor !== undefined && { headers: { 'x-forwarded-for': forwardedFor } }),
    });
  const statuses = async (times: number, send: () => Promise<{ status: number }>) => {
    const seen: number[] = [];
    for (let i = 0; i < times; i++) seen.push((await send()).status);
    return seen;
  };

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_rate_http'), {
      clock,
      env: { RATE_LIMIT_DEFAULT_MAX: String(MAX), TRUSTED_PROXIES: `${PROXY},fd00::/8` },
    });
  });
  afterAll(() => h.stop());

  it('a default-limited route answers 429 with Retry-After after RATE_LIMIT_DEFAULT_MAX requests from one IP, while another IP is unaffected', async () => {
    const [client, other] = [freshIp(), freshIp()];
    expect(await statuses(MAX, () => logout(client))).toEqual([200, 200, 200]);
    const limited = await logout(client);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ success: false, code: 'ERR_FLOWLESS_RATE_LIMITED' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(75);
    expect(limited.body.retry_after).toBe(retryAfter);
    expect((await logout(other)).status).toBe(200);
  });

  it('logout, refresh, profile update, password change and every admin user route take the default limit, counted before the session check', async () => {
    for (const [method, path] of DEFAULT_LIMITED) {
      const ip = freshIp();
      const before = await statuses(MAX, () =>
        callFrom(h, ip, method, path, method === 'GET' ? {} : { body: {} }),
      );
      expect(before, `${method} ${path}`).not.toContain(429);
      expect(
        (await callFrom(h, ip, method, path, method === 'GET' ? {} : { body: {} })).status,
        `${method} ${path}`,
      ).toBe(429);
    }
  });

  it('the default-limited routes share one bucket per IP', async () => {
    const ip = freshIp();
    await callFrom(h, ip, 'POST', '/auth/logout');
    await callFrom(h, ip, 'POST', '/auth/refresh');
    await callFrom(h, ip, 'PUT', '/auth/profile', { body: {} });
    expect((await callFrom(h, ip, 'GET', '/auth/users')).status).toBe(429);
  });

  it('session validation, the "me" reads and the bridge routes are never rate limited, even for an IP over its default limit', async () => {
    const ip = freshIp();
    await statuses(MAX + 1, () => logout(ip));
    const unknown = 'unknown-session-id-00000000000000000000000';
    const bridge = { 'x-bridge-secret': BRIDGE_SECRET };
    const reads: Array<() => Promise<{ status: number }>> = [
      () => callFrom(h, ip, 'GET', '/auth/validation', { session: unknown }),
      () => callFrom(h, ip, 'POST', '/auth/validation', { body: { session_id: unknown } }),
      () => callFrom(h, ip, 'GET', '/auth/validate-session', { session: unknown }),
      () => callFrom(h, ip, 'POST', '/auth/validate-session', { body: { sessionId: unknown } }),
      () => callFrom(h, ip, 'GET', '/auth/user/me', { session: unknown }),
      () => callFrom(h, ip, 'GET', '/auth/me', { session: unknown }),
      () => callFrom(h, ip, 'GET', '/auth/session/current', { session: unknown }),
      () =>
        callFrom(h, ip, 'POST', '/auth/bridge/validate', { headers: bridge, body: { session_id: unknown } }),
      () => callFrom(h, ip, 'POST', '/bridge/validate', { headers: bridge, body: { session_id: unknown } }),
      () =>
        callFrom(h, ip, 'POST', '/auth/bridge/invalidate', { headers: bridge, body: { user_id: 'usr_x' } }),
    ];
    for (const read of reads) {
      expect(await statuses(4 * MAX, read)).not.toContain(429);
    }
  });

  it('a trusted proxy forwarding two client IPs gives each its own bucket, and does not spend its own', async () => {
    const [a, b] = [freshIp(), freshIp()];
    expect(await statuses(MAX + 1, () => logout(PROXY, a))).toEqual([200, 200, 200, 429]);
    expect(await statuses(MAX + 1, () => logout(PROXY, `${b}, ${PROXY}`))).toEqual([200, 200, 200, 429]);
    expect((await logout(PROXY)).status).toBe(200);
  });

  it('an untrusted peer sending a spoofed X-Forwarded-For gets no fresh bucket: its own address is counted', async () => {
    const attacker = freshIp();
    const spoofed = await statuses(MAX + 2, () => logout(attacker, freshIp()));
    expect(spoofed).toEqual([200, 200, 200, 429, 429]);
  });

  it('an untrusted peer spoofing another client’s IP neither lands in that client’s bucket nor spends it', async () => {
    const [exhausted, victim, attacker] = [freshIp(), freshIp(), freshIp()];
    await statuses(MAX + 1, () => logout(PROXY, exhausted));
    // Claiming the exhausted client's address does not get the attacker refused with it...
    expect((await logout(attacker, exhausted)).status).toBe(200);
    // ...and claiming the victim's address does not spend the victim's budget.
    await statuses(MAX, () => logout(attacker, victim));
    expect(await statuses(MAX + 1, () => logout(PROXY, victim))).toEqual([200, 200, 200, 429]);
  });

  it('IPv6 clients are counted per /64, and a trusted IPv6 proxy range is honoured', async () => {
    const limited = await statuses(MAX + 1, () => logout(`2001:db8:7:1::${++ipCounter}`));
    expect(limited).toEqual([200, 200, 200, 429]);
    expect((await logout('2001:db8:7:2::1')).status).toBe(200);
    expect(await statuses(MAX + 1, () => logout('fd00::5', '2001:db8:7:3::1'))).toEqual([200, 200, 200, 429]);
    expect((await logout('fd00::5', '2001:db8:7:4::1')).status).toBe(200);
  });

  it('POST /auth/invalidate/me answers its 11th call within 5 minutes with 429 and Retry-After, and is allowed again once that delay has passed', async () => {
    await seedUser(h, { email: 'inv1@example.test', password: 'invalidate pw 1' });
    const sid = await login(h, 'inv1@example.test', 'invalidate pw 1');
    const invalidate = () => callFrom(h, freshIp(), 'POST', '/auth/invalidate/me', { session: sid });
    expect(await statuses(10, invalidate)).toEqual(Array<number>(10).fill(200));
    const limited = await invalidate();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(375);
    clock.advance(retryAfter * 1000 - 1_000);
    expect((await invalidate()).status).toBe(429);
    clock.advance(1_000);
    expect((await invalidate()).status).toBe(200);
  });

  it('the invalidate/me limit is per user: a new IP does not reset it, and another user on the same IP is unaffected', async () => {
    await seedUser(h, { email: 'inv2@example.test', password: 'invalidate pw 2' });
    await seedUser(h, { email: 'inv3@example.test', password: 'invalidate pw 3' });
    const first = await login(h, 'inv2@example.test', 'invalidate pw 2');
    const second = await login(h, 'inv3@example.test', 'invalidate pw 3');
    const ip = freshIp();
    await statuses(10, () => callFrom(h, ip, 'POST', '/auth/invalidate/me', { session: first }));
    expect((await callFrom(h, freshIp(), 'POST', '/auth/invalidate/me', { session: first })).status).toBe(
      429,
    );
    expect((await callFrom(h, ip, 'POST', '/auth/invalidate/me', { session: second })).status).toBe(200);
  });
});

describe('the email-change budget over HTTP, in memory, on libsql', () => {
  let h: Harness;
  const RESET_MAX = 2;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_rate_email'), {
      env: { RATE_LIMIT_RESET_MAX: String(RESET_MAX) },
    });
  });
  afterAll(() => h.stop());

  it('email-change requests spend the per-IP verification budget, since they send mail; other profile edits do not', async () => {
    await seedUser(h, { email: 'budget@example.test', password: 'budget user pw' });
    const session = await login(h, 'budget@example.test', 'budget user pw');
    const ip = '198.51.100.7';
    const change = (n: number) =>
      callFrom(h, ip, 'PUT', '/auth/profile', {
        session,
        body: { email: `budget-${n}@example.test`, current_password: 'budget user pw' },
      });
    expect([(await change(1)).status, (await change(2)).status]).toEqual([200, 200]);
    expect(await change(3)).toMatchObject({ status: 429, body: { code: 'ERR_FLOWLESS_RATE_LIMITED' } });
    expect(
      (await callFrom(h, ip, 'PUT', '/auth/profile', { session, body: { name: 'Budget' } })).status,
    ).toBe(200);
    expect(
      (await callFrom(h, ip, 'POST', '/auth/resend-verification', { body: { email: 'budget@example.test' } }))
        .status,
    ).toBe(429);
  });

  it('POST /auth/email-change/confirm takes the verification limit per IP', async () => {
    const ip = '198.51.100.8';
    const confirm = () =>
      callFrom(h, ip, 'POST', '/auth/email-change/confirm', { body: { token: 'x'.repeat(43) } });
    expect([(await confirm()).status, (await confirm()).status]).toEqual([400, 400]);
    expect((await confirm()).status).toBe(429);
  });
});
