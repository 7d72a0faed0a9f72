import {
  BridgeValidator,
  type BridgeValidatorOptions,
  hashSessionId,
  type SessionValidationResult,
} from 'flowfull/bridge';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FlowlessContractServer } from '../../src/testing/index.js';

let flowless: FlowlessContractServer;
const validators: BridgeValidator[] = [];
let now = Date.now();

function validator(options: Partial<BridgeValidatorOptions> = {}): BridgeValidator {
  const created = new BridgeValidator({
    flowlessApiUrl: flowless.url,
    validationSecret: flowless.secret,
    timeout: 1000,
    retryAttempts: 2,
    now: () => now,
    validationMode: { mode: 'DISABLED' },
    ...options,
  });
  validators.push(created);
  return created;
}

const codeOf = (result: SessionValidationResult): string | null => (result.success ? null : result.code);
const inAnHour = (): string => new Date(Date.now() + 3_600_000).toISOString();

beforeAll(async () => {
  flowless = await FlowlessContractServer.start();
});
afterAll(() => flowless.close());
afterEach(async () => {
  await Promise.all(validators.splice(0).map((v) => v.close()));
  flowless.setFault(null);
  flowless.setLatency(0);
  flowless.setShape('superset');
  flowless.resetCounts();
  now = Date.now();
});

describe('BridgeValidator.validateSession()', () => {
  it('resolves a known session to the normalised session', async () => {
    const known = {
      user_id: 'u1',
      email: 'a@example.com',
      name: 'Ann',
      user_type: 'admin',
      ip_address: '10.0.0.1',
      user_agent: 'UA/1',
      device_id: 'dev-1',
      expires_at: '2999-01-01T00:00:00.000Z',
    };
    flowless.addSession('sess-known', known);
    const result = await validator().validateSession('sess-known');
    expect(result).toEqual({
      success: true,
      session: {
        auth_type: 'session',
        token_id: null,
        ...known,
        two_factor_verified: false,
        two_factor_verified_at: null,
        two_factor_methods: [],
      },
    });
  });

  it.each(['session-only', 'data-envelope'] as const)('accepts the %s response variant', async (shape) => {
    flowless.setShape(shape);
    flowless.addSession(`sess-${shape}`, {
      user_id: 'u-shape',
      email: 'b@example.com',
      user_type: 'teacher',
    });
    const result = await validator().validateSession(`sess-${shape}`);
    expect(result).toMatchObject({ success: true, session: { user_id: 'u-shape', user_type: 'teacher' } });
  });

  it('posts the id in the JSON body with the bridge secret and context, never in the URL', async () => {
    flowless.addSession('sess-body', { user_id: 'u1' });
    await validator().validateSession('sess-body', {
      ip: '203.0.113.9',
      user_agent: 'UA/9',
      device_id: 'd9',
    });
    const [request] = flowless.requests;
    expect(request?.path).toBe('/auth/bridge/validate');
    expect(request?.url).not.toContain('sess-body');
    expect(request?.headers['x-bridge-secret']).toBe(flowless.secret);
    expect(request?.body).toEqual({
      session_id: 'sess-body',
      ip: '203.0.113.9',
      user_agent: 'UA/9',
      device_id: 'd9',
    });
  });

  it('serves a repeated validation from the cache', async () => {
    flowless.addSession('sess-cached', { user_id: 'u1' });
    const v = validator();
    await v.validateSession('sess-cached');
    const again = await v.validateSession('sess-cached');
    expect(again.success).toBe(true);
    expect(flowless.validateCalls).toBe(1);
  });

  it('caches no longer than the time left until the session expires', async () => {
    flowless.addSession('sess-short', { user_id: 'u1', expires_at: new Date(Date.now() + 10_000) });
    const v = validator({ cacheTtl: 300 });
    await v.validateSession('sess-short');
    now += 9_000;
    await v.validateSession('sess-short');
    expect(flowless.validateCalls).toBe(1);
    now += 2_000;
    await v.validateSession('sess-short');
    expect(flowless.validateCalls).toBe(2);
  });

  it('asks Flowless again once the cache TTL is over', async () => {
    flowless.addSession('sess-ttl', { user_id: 'u1', expires_at: inAnHour() });
    const v = validator({ cacheTtl: 60 });
    await v.validateSession('sess-ttl');
    now += 61_000;
    await v.validateSession('sess-ttl');
    expect(flowless.validateCalls).toBe(2);
  });

  it('answers SESSION_INVALID for an unknown id and SESSION_EXPIRED for an expired one', async () => {
    flowless.addSession('sess-old', { user_id: 'u1', expires_at: new Date(Date.now() - 1000) });
    const v = validator();
    expect(await v.validateSession('sess-unknown')).toEqual({
      success: false,
      error: 'Invalid session',
      code: 'SESSION_INVALID',
    });
    expect(await v.validateSession('sess-old')).toEqual({
      success: false,
      error: 'Session expired',
      code: 'SESSION_EXPIRED',
    });
  });

  it('answers SESSION_MISSING without an id and SESSION_MALFORMED for bad ids, without calling Flowless', async () => {
    const v = validator();
    expect(codeOf(await v.validateSession(''))).toBe('SESSION_MISSING');
    expect(codeOf(await v.validateSession(undefined))).toBe('SESSION_MISSING');
    for (const bad of ['x'.repeat(257), 'has space', 'caf\u00e9', 'tab\there', 'nl\n']) {
      expect(codeOf(await v.validateSession(bad))).toBe('SESSION_MALFORMED');
    }
    expect(codeOf(await v.validateSession('x'.repeat(256)))).toBe('SESSION_INVALID');
    expect(flowless.validateCalls).toBe(1);
  });

  it('makes one Flowless call for 1,000 concurrent validations of one cold id', async () => {
    flowless.addSession('sess-cold', { user_id: 'u1' });
    flowless.setLatency(50);
    const v = validator();
    const results = await Promise.all(Array.from({ length: 1000 }, () => v.validateSession('sess-cold')));
    expect(results.every((r) => r.success)).toBe(true);
    expect(flowless.validateCalls).toBe(1);
  });

  it('caches rejections briefly so a flood of bogus ids makes a bounded number of calls', async () => {
    const v = validator({ negativeCacheTtl: 5000 });
    const bogus = Array.from({ length: 50 }, (_, i) => `bogus-${i}`);
    for (let round = 0; round < 20; round++) {
      await Promise.all(bogus.map((id) => v.validateSession(id)));
    }
    expect(flowless.validateCalls).toBe(50);
    now += 5_001;
    await v.validateSession('bogus-0');
    expect(flowless.validateCalls).toBe(51);
  });

  it('bounds the negative cache TTL to 60 s', async () => {
    const v = validator({ negativeCacheTtl: 3_600_000 });
    await v.validateSession('bogus-bounded');
    now += 60_001;
    await v.validateSession('bogus-bounded');
    expect(flowless.validateCalls).toBe(2);
  });

  it('rejects invalid options with a TypeError naming them', () => {
    expect(() => validator({ flowlessApiUrl: 'not a url' })).toThrow(/"flowlessApiUrl"/);
    expect(() => validator({ validationSecret: '' })).toThrow(/"validationSecret"/);
    expect(() => validator({ gracePeriod: -1 })).toThrow(/"gracePeriod"/);
    expect(() => validator({ breaker: { failureThreshold: 0 } })).toThrow(/"breaker.failureThreshold"/);
    expect(() => validator({ breaker: { openDurationMs: -1 } })).toThrow(/"breaker.openDurationMs"/);
    expect(() => validator({ breaker: { openDurationMs: 500, maxOpenDurationMs: 100 } })).toThrow(
      /"breaker.maxOpenDurationMs"/,
    );
    expect(() => validator({ breaker: { jitter: 1 } })).toThrow(/"breaker.jitter"/);
  });
});

describe('BridgeValidator when Flowless fails', () => {
  it('answers AUTH_UNAVAILABLE, not SESSION_INVALID, when Flowless is down', async () => {
    const gone = await FlowlessContractServer.start();
    const url = gone.url;
    await gone.close();
    const result = await validator({ flowlessApiUrl: url, retryAttempts: 1 }).validateSession('sess-any');
    expect(result).toEqual({
      success: false,
      error: 'Authentication service unavailable',
      code: 'AUTH_UNAVAILABLE',
    });
  });

  it('retries a 500 and succeeds when Flowless recovers', async () => {
    flowless.addSession('sess-retry', { user_id: 'u1' });
    flowless.setFault('status-500', 1);
    const result = await validator().validateSession('sess-retry');
    expect(result.success).toBe(true);
    expect(flowless.validateCalls).toBe(2);
  });

  it('gives up after the configured retries on repeated 500s', async () => {
    flowless.setFault('status-500');
    const result = await validator({ retryAttempts: 2 }).validateSession('sess-500');
    expect(codeOf(result)).toBe('AUTH_UNAVAILABLE');
    expect(flowless.validateCalls).toBe(3);
  });

  it('retries a closed socket', async () => {
    flowless.addSession('sess-socket', { user_id: 'u1' });
    flowless.setFault('close-socket', 1);
    expect((await validator().validateSession('sess-socket')).success).toBe(true);
    expect(flowless.validateCalls).toBe(2);
  });

  it('does not retry a garbage body and answers AUTH_UNAVAILABLE', async () => {
    flowless.setFault('garbage');
    const result = await validator().validateSession('sess-garbage');
    expect(codeOf(result)).toBe('AUTH_UNAVAILABLE');
    expect(flowless.validateCalls).toBe(1);
  });

  it('never retries a 401', async () => {
    await validator({ retryAttempts: 3 }).validateSession('sess-401');
    expect(flowless.validateCalls).toBe(1);
  });

  it('times out a slow Flowless within the deadline', async () => {
    flowless.setFault('hang');
    const result = await validator({
      timeout: 100,
      retryAttempts: 5,
      deadline: 250,
      now: Date.now,
    }).validateSession('sess-slow');
    expect(codeOf(result)).toBe('AUTH_UNAVAILABLE');
    expect(flowless.validateCalls).toBeLessThanOrEqual(3);
  });

  it('treats a rejected bridge secret as AUTH_UNAVAILABLE and logs it without the session id', async () => {
    const logged: string[] = [];
    const logger = {
      warn: () => undefined,
      error: (f: Record<string, unknown>, m: string) => logged.push(JSON.stringify(f) + m),
    };
    const result = await validator({ validationSecret: 'wrong-secret', logger }).validateSession(
      'sess-secret-check',
    );
    expect(codeOf(result)).toBe('AUTH_UNAVAILABLE');
    expect(logged.join()).toContain('ERR_BRIDGE_REJECTED_SECRET');
    expect(logged.join()).not.toContain('sess-secret-check');
  });

  it('opens the circuit after repeated failures and stops calling Flowless', async () => {
    flowless.setFault('status-500');
    const v = validator({ retryAttempts: 0, breaker: { failureThreshold: 3, openDurationMs: 10_000 } });
    for (let i = 0; i < 10; i++) await v.validateSession(`sess-breaker-${i}`);
    expect(flowless.validateCalls).toBe(3);
    flowless.setFault(null);
    flowless.addSession('sess-after', { user_id: 'u1' });
    expect(codeOf(await v.validateSession('sess-after'))).toBe('AUTH_UNAVAILABLE');
    now += 10_001;
    expect((await v.validateSession('sess-after')).success).toBe(true);
  });

  it('probes 500 ms after the circuit opens by default, doubling the wait after each failed probe up to 10 s', async () => {
    flowless.setFault('status-500');
    const v = validator({ retryAttempts: 0 });
    let n = 0;
    const callsAfter = async (ms: number): Promise<number> => {
      now += ms;
      const before = flowless.validateCalls;
      expect(codeOf(await v.validateSession(`sess-growing-${n++}`))).toBe('AUTH_UNAVAILABLE');
      return flowless.validateCalls - before;
    };
    for (let i = 0; i < 5; i++) await callsAfter(0);
    expect(v.metrics().breaker).toBe('open');
    // Each wait lasts between 90% (jitter) and 100% of 500, 1000, 2000, ... 10000 ms.
    for (const wait of [500, 1000, 2000, 4000, 8000, 10_000, 10_000]) {
      expect(await callsAfter(0.9 * wait - 1)).toBe(0);
      expect(await callsAfter(0.1 * wait + 1)).toBe(1);
    }
    flowless.setFault(null);
    flowless.addSession('sess-growing-back', { user_id: 'u1' });
    now += 10_000;
    expect((await v.validateSession('sess-growing-back')).success).toBe(true);
    expect(v.metrics().breaker).toBe('closed');
    flowless.setFault('status-500');
    for (let i = 0; i < 5; i++) await callsAfter(0);
    expect(await callsAfter(449)).toBe(0);
    expect(await callsAfter(51)).toBe(1);
  });

  it('serves a session validated within the grace window while Flowless is down', async () => {
    flowless.addSession('sess-grace', { user_id: 'u-grace', expires_at: inAnHour() });
    const v = validator({ cacheTtl: 60, gracePeriod: 120_000, retryAttempts: 0 });
    await v.validateSession('sess-grace');
    now += 90_000;
    flowless.setFault('status-500');
    expect(await v.validateSession('sess-grace')).toMatchObject({
      success: true,
      stale: true,
      session: { user_id: 'u-grace' },
    });
    now += 100_000;
    expect(codeOf(await v.validateSession('sess-grace'))).toBe('AUTH_UNAVAILABLE');
  });

  it('has no grace window by default', async () => {
    flowless.addSession('sess-nograce', { user_id: 'u1', expires_at: inAnHour() });
    const v = validator({ cacheTtl: 60, retryAttempts: 0 });
    await v.validateSession('sess-nograce');
    now += 61_000;
    flowless.setFault('status-500');
    expect(codeOf(await v.validateSession('sess-nograce'))).toBe('AUTH_UNAVAILABLE');
  });
});

describe('BridgeValidator revocation and validation modes', () => {
  it('drops a revoked session from the cache', async () => {
    flowless.addSession('sess-rev', { user_id: 'u1' });
    const v = validator();
    await v.validateSession('sess-rev');
    flowless.removeSession('sess-rev');
    await v.applyRevocation({ type: 'session.revoked', session_hash: hashSessionId('sess-rev') });
    expect(codeOf(await v.validateSession('sess-rev'))).toBe('SESSION_INVALID');
  });

  /** A validator whose first Flowless answer is held back until `meanwhile` has run. */
  function overtaken(meanwhile: (v: BridgeValidator) => Promise<void>): BridgeValidator {
    let first = true;
    const v: BridgeValidator = validator({
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        if (first) {
          first = false;
          await meanwhile(v);
        }
        return answer;
      },
    });
    return v;
  }

  it('asks Flowless again when a user revocation overtakes its answer, and serves the later answer', async () => {
    // A revocation naming the user may only announce a change (here: a second factor verified on
    // the session); the session is still valid, so the request must not be refused.
    flowless.addSession('sess-race', { user_id: 'u-race' });
    const v = overtaken(async (self) => {
      flowless.addSession('sess-race', {
        user_id: 'u-race',
        two_factor_verified: true,
        two_factor_methods: ['totp'],
      });
      await self.applyRevocation({ type: 'user.sessions_revoked', user_id: 'u-race' });
    });
    expect(await v.validateSession('sess-race')).toMatchObject({
      success: true,
      session: { user_id: 'u-race', two_factor_verified: true, two_factor_methods: ['totp'] },
    });
    expect(flowless.validateCalls).toBe(2);
    // The later answer is cached; the overtaken one never was.
    expect(await v.validateSession('sess-race')).toMatchObject({ session: { two_factor_verified: true } });
    expect(flowless.validateCalls).toBe(2);
  });

  it('refuses a session revoked while its validation was in flight, without caching the overtaken answer', async () => {
    flowless.addSession('sess-gone', { user_id: 'u-gone' });
    const v = overtaken(async (self) => {
      flowless.removeSession('sess-gone');
      await self.applyRevocation({ type: 'session.revoked', session_hash: hashSessionId('sess-gone') });
    });
    expect(codeOf(await v.validateSession('sess-gone'))).toBe('SESSION_INVALID');
    expect(flowless.validateCalls).toBe(2);
    expect(codeOf(await v.validateSession('sess-gone'))).toBe('SESSION_INVALID');
    expect(flowless.validateCalls).toBe(2);
  });

  it('refuses a session whose every answer a revocation overtakes', async () => {
    flowless.addSession('sess-storm', { user_id: 'u-storm' });
    const v: BridgeValidator = validator({
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        await v.applyRevocation({ type: 'user.sessions_revoked', user_id: 'u-storm' });
        return answer;
      },
    });
    expect(codeOf(await v.validateSession('sess-storm'))).toBe('SESSION_INVALID');
    expect(flowless.validateCalls).toBe(3);
  });

  it('denies a request whose fingerprint changed under ADVANCED', async () => {
    flowless.addSession('sess-adv', {
      user_id: 'u1',
      ip_address: '10.0.0.1',
      user_agent: 'UA/1',
      device_id: 'd1',
    });
    const v = validator({ validationMode: { mode: 'ADVANCED' } });
    const ok = await v.validateSession('sess-adv', { ip: '10.0.0.1', user_agent: 'UA/1', device_id: 'd1' });
    expect(ok.success).toBe(true);
    const bad = await v.validateSession('sess-adv', { ip: '10.0.0.1', user_agent: 'UA/2', device_id: 'd1' });
    expect(bad).toMatchObject({
      success: false,
      code: 'SESSION_VIOLATION',
      violations: [{ type: 'user_agent_mismatch' }],
    });
  });

  it('invalidates the session at Flowless under STRICT', async () => {
    flowless.addSession('sess-strict', { user_id: 'u1', ip_address: '10.0.0.1' });
    const v = validator({ validationMode: { mode: 'STRICT' } });
    const result = await v.validateSession('sess-strict', { ip: '10.9.9.9' });
    expect(codeOf(result)).toBe('SESSION_VIOLATION');
    expect(flowless.invalidateCalls).toBe(1);
    expect(flowless.requests.at(-1)?.body).toEqual({ session_id: 'sess-strict' });
    expect(codeOf(await v.validateSession('sess-strict', { ip: '10.0.0.1' }))).toBe('SESSION_INVALID');
  });
});

describe('BridgeValidator transports', () => {
  it('sends calls through an injected fetch instead of the default node:http transport', async () => {
    flowless.addSession('sess-fetch', { user_id: 'u-fetch' });
    const seen: string[] = [];
    const v = validator({
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect((await v.validateSession('sess-fetch')).success).toBe(true);
    expect(seen).toEqual([`${flowless.url}/auth/bridge/validate`]);
  });

  it('answers AUTH_UNAVAILABLE when an injected fetch rejects', async () => {
    const v = validator({ retryAttempts: 0, fetch: () => Promise.reject(new TypeError('fetch failed')) });
    expect(codeOf(await v.validateSession('sess-nofetch'))).toBe('AUTH_UNAVAILABLE');
  });
});

describe('BridgeValidator.resolveSession()', () => {
  it('answers synchronously from the in-process cache and with a promise otherwise', async () => {
    flowless.addSession('sess-sync', { user_id: 'u-sync', user_agent: 'UA/1' });
    const v = validator({ validationMode: { mode: 'ADVANCED' } });
    const cold = v.resolveSession('sess-sync', { user_agent: 'UA/1' });
    expect(cold).toBeInstanceOf(Promise);
    expect(await cold).toMatchObject({ success: true });
    expect(v.resolveSession('sess-sync', { user_agent: 'UA/1' })).toMatchObject({
      success: true,
      session: { user_id: 'u-sync' },
    });
    expect(v.resolveSession('sess-sync', { user_agent: 'UA/2' })).toMatchObject({
      success: false,
      code: 'SESSION_VIOLATION',
    });
    expect(v.resolveSession('bad id!')).toMatchObject({ success: false, code: 'SESSION_MALFORMED' });
  });
});

describe('BridgeValidator.metrics()', () => {
  it('counts outcomes by label, violations by type and answers by source', async () => {
    flowless.addSession('sess-metrics', { user_id: 'u-m', user_agent: 'UA/1' });
    const v = validator({ validationMode: { mode: 'ADVANCED' } });
    await Promise.all([v.validateSession('sess-metrics'), v.validateSession('sess-metrics')]);
    await v.validateSession('sess-metrics', { user_agent: 'UA/1' });
    await v.validateSession('sess-metrics', { user_agent: 'UA/2' });
    await v.validateSession('sess-unknown');
    await v.validateSession('sess-unknown');
    await v.validateSession('');
    await v.validateSession('bad id!');
    const metrics = v.metrics();
    expect(metrics.outcomes).toMatchObject({ valid: 3, violation: 1, invalid: 2, missing: 1, malformed: 1 });
    expect(metrics.violations).toMatchObject({ user_agent_mismatch: 1, ip_mismatch: 0 });
    expect(metrics.sources).toEqual({
      localHits: 2,
      sharedHits: 0,
      negativeHits: 1,
      flowlessCalls: 2,
      coalesced: 1,
    });
    expect(metrics.inFlight).toBe(0);
    expect(await v.ready()).toBe(true);
    expect(v.metrics().revocations).toMatchObject({ source: 'feed', subscribed: true, resyncs: 0 });
    expect(validator({ revocationSource: 'off' }).metrics().revocations).toEqual({
      source: null,
      subscribed: null,
      received: 0,
      resyncs: 0,
    });
  });

  it('reports the Flowless breaker state: closed, then open after repeated failures', async () => {
    const v = validator({ retryAttempts: 0, breaker: { failureThreshold: 2 } });
    expect(v.metrics().breaker).toBe('closed');
    flowless.setFault('status-500');
    await v.validateSession('sess-down-1');
    await v.validateSession('sess-down-2');
    expect(v.metrics()).toMatchObject({ breaker: 'open', outcomes: { unavailable: 2 } });
  });

  it('counts a validation waiting on Flowless as in flight', async () => {
    flowless.addSession('sess-slow', { user_id: 'u-slow' });
    flowless.setLatency(100);
    const v = validator();
    const pending = v.validateSession('sess-slow');
    await vi.waitFor(() => expect(v.metrics().inFlight).toBe(1));
    await pending;
    expect(v.metrics().inFlight).toBe(0);
  });

  it('returns a snapshot that later validations do not change', async () => {
    flowless.addSession('sess-snap', { user_id: 'u-snap' });
    const v = validator();
    const before = v.metrics();
    await v.validateSession('sess-snap');
    expect(before.outcomes.valid).toBe(0);
    expect(v.metrics().outcomes.valid).toBe(1);
  });
});
