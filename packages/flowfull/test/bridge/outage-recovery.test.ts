/**
 * @module Recovery from a Flowless outage over real HTTP and on the real clock: a contract server
 * that answers 500 for a while and then recovers, cold sessions sent all along, and what reaches
 * the server.
 */

import { BridgeValidator, type BridgeValidatorOptions } from 'flowfull/bridge';
import type { BreakerState } from 'flowfull/cache';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FlowlessContractServer } from '../../src/testing/index.js';

let flowless: FlowlessContractServer;
const validators: BridgeValidator[] = [];
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  flowless = await FlowlessContractServer.start({
    resolveSession: (id) => (id.startsWith('cold-') ? { user_id: `u-${id}` } : undefined),
  });
});
afterAll(() => flowless.close());
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  await Promise.all(validators.splice(0).map((v) => v.close()));
  flowless.setFault(null);
  flowless.setLatency(0);
  flowless.resetCounts();
});

/** A validator on the real clock with the default breaker, reporting when the breaker opens. */
function validator(breaker: BridgeValidatorOptions['breaker'] = {}): {
  v: BridgeValidator;
  opened: () => Promise<number>;
} {
  const changes: { state: BreakerState; at: number }[] = [];
  const v = new BridgeValidator({
    flowlessApiUrl: flowless.url,
    validationSecret: flowless.secret,
    timeout: 1000,
    validationMode: { mode: 'DISABLED' },
    breaker: { ...breaker, onStateChange: (state) => changes.push({ state, at: Date.now() }) },
  });
  validators.push(v);
  const opened = async (): Promise<number> => {
    await until(() => changes.some((c) => c.state === 'open'));
    return changes.find((c) => c.state === 'open')?.at ?? Number.NaN;
  };
  return { v, opened };
}

interface Answer {
  readonly sentAt: number;
  readonly answeredAt: number;
  readonly ok: boolean;
}

/** Validates `perTick` never-seen session ids every `everyMs` until the test ends. */
function coldTraffic(v: BridgeValidator, perTick = 5, everyMs = 20): Answer[] {
  const answers: Answer[] = [];
  const pending: Promise<void>[] = [];
  let n = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++) {
      const sentAt = Date.now();
      pending.push(
        v.validateSession(`cold-${n++}`).then((result) => {
          answers.push({ sentAt, answeredAt: Date.now(), ok: result.success });
        }),
      );
    }
  }, everyMs);
  stops.push(async () => {
    clearInterval(timer);
    await Promise.all(pending);
  });
  return answers;
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error('condition not met in time');
    await sleep(5);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes Flowless answer 500 and validates one id after the other until the circuit opens, so that
 * no call is still on its way when it does: every request received from then on is a probe.
 * Resolves when the circuit opened.
 */
async function openOnFiveHundreds(v: BridgeValidator, opened: () => Promise<number>): Promise<number> {
  flowless.setFault('status-500');
  for (let i = 0; v.metrics().breaker !== 'open'; i++) await v.validateSession(`cold-opening-${i}`);
  return opened();
}

describe('BridgeValidator after a Flowless outage', () => {
  it('serves cold sessions again within 1 s of Flowless answering after a short burst of 500s', async () => {
    const { v, opened } = validator();
    const openedAt = await openOnFiveHundreds(v, opened);
    const answers = coldTraffic(v);
    flowless.setFault(null);
    const recoveredAt = Date.now();
    await until(() => answers.some((a) => a.ok));
    const firstServed = Math.min(...answers.filter((a) => a.ok).map((a) => a.answeredAt));
    // Served through the probe, which waits for the first wait (450 to 500 ms with the jitter).
    expect(firstServed - openedAt).toBeGreaterThanOrEqual(450);
    expect(firstServed - recoveredAt).toBeLessThan(1000);
    expect(answers.some((a) => !a.ok && a.sentAt >= recoveredAt)).toBe(true);
    await sleep(200);
    const sentAfterServed = answers.filter((a) => a.sentAt > firstServed);
    expect(sentAfterServed.length).toBeGreaterThan(0);
    expect(sentAfterServed.every((a) => a.ok)).toBe(true);
  });

  it('still answers 503 one second after recovery with a fixed 10 s wait', async () => {
    const { v, opened } = validator({ openDurationMs: 10_000 });
    await openOnFiveHundreds(v, opened);
    const answers = coldTraffic(v);
    flowless.setFault(null);
    const recoveredAt = Date.now();
    await sleep(1500);
    const lateAnswers = answers.filter((a) => a.sentAt >= recoveredAt + 1000);
    expect(lateAnswers.length).toBeGreaterThan(0);
    expect(lateAnswers.some((a) => a.ok)).toBe(false);
    expect(v.metrics().breaker).toBe('open');
  });

  it('lets at most one probe reach Flowless per wait during a long outage, the wait doubling', async () => {
    const { v, opened } = validator();
    const openedAt = await openOnFiveHundreds(v, opened);
    const before = flowless.validateCalls;
    flowless.setLatency(100);
    const answers = coldTraffic(v);
    await sleep(4000);
    const probes = flowless.requests.slice(before).map((r) => r.receivedAt);
    // Waits of 500, 1000 and 2000 ms less at most 10% jitter: probes near 0.5, 1.5 and 3.5 s.
    expect(probes.length).toBeGreaterThanOrEqual(2);
    expect(probes.length).toBeLessThanOrEqual(3);
    expect((probes[0] ?? 0) - openedAt).toBeGreaterThanOrEqual(450);
    for (let k = 1; k < probes.length; k++) {
      expect((probes[k] ?? 0) - (probes[k - 1] ?? 0)).toBeGreaterThanOrEqual(0.9 * 500 * 2 ** k);
    }
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.some((a) => a.ok)).toBe(false);
  });
});
