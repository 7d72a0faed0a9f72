/**
 * The activity counters wired into a real Flowless app (libSQL: the counters live in memory, so
 * one dialect shows the wiring): sign-ins, failed sign-ins and sign-ups are counted with their
 * audit events, bridge validations by the bridge route, 429 refusals and every request's latency
 * by the app middleware, and the session cache's hits per span.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frozenClock } from '../src/runtime/clock.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

describe('activity counters in the app', () => {
  let h: Harness;
  const clock = frozenClock(Date.UTC(2036, 5, 1));
  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_activity'), {
      clock,
      env: { RATE_LIMIT_LOGIN_MAX: '4' },
    });
  });
  afterAll(async () => h.stop());

  it('counts sign-ins, failures, sign-ups, bridge validations, refusals, requests and cache hits', async () => {
    await seedUser(h, { email: 'act@example.test', password: 'activity password' });
    const session = await login(h, 'act@example.test', 'activity password');
    await call(h, 'POST', '/auth/login', { body: { email: 'act@example.test', password: 'wrong password' } });
    await call(h, 'POST', '/auth/register/public', {
      body: { email: 'fresh@example.test', password: 'fresh password 1' },
    });
    for (let i = 0; i < 2; i++) {
      const res = await call(h, 'POST', '/auth/bridge/validate', {
        headers: { 'x-bridge-secret': BRIDGE_SECRET },
        body: { session_id: session },
      });
      expect(res.status).toBe(200);
    }
    // Two logins are in the window already: the fifth and sixth are refused.
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await call(h, 'POST', '/auth/login', { body: { email: 'x@example.test', password: 'x' } })).status,
      );
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);

    const now = h.services.activity.series('hour').at(-1);
    expect(now).toMatchObject({
      signIns: 1,
      signInFailures: 3,
      signUps: 1,
      bridgeValidations: 2,
      rateLimited: 2,
      requests: 9,
      latencyP95Ms: 5, // the frozen clock: every request took 0 ms
    });
    expect(now?.cacheHitRate).toBeGreaterThan(0);
    expect(h.services.activity.summary().lastDay.signIns).toBe(1);
  });
});
