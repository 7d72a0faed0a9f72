import { describe, expect, it } from 'vitest';
import { type BreakerPermit, type BreakerState, CircuitBreaker } from './circuit-breaker.js';

function setup(): { breaker: CircuitBreaker; advance: (ms: number) => void; changes: BreakerState[] } {
  let time = 0;
  const changes: BreakerState[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold: 3,
    openDurationMs: 1000,
    now: () => time,
    onStateChange: (state) => changes.push(state),
  });
  return { breaker, advance: (ms) => (time += ms), changes };
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and a success resets the count', () => {
    const { breaker } = setup();
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after threshold consecutive failures and refuses calls while open', () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 3; i++) breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    advance(999);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('lets exactly one probe through when half-open, and closes when it succeeds', () => {
    const { breaker, advance, changes } = setup();
    for (let i = 0; i < 3; i++) breaker.failure();
    advance(1000);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('reopens for a full period when the probe fails', () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 3; i++) breaker.failure();
    advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    advance(999);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.tryAcquire()).toBe(true);
  });
});

function growing(options: { jitter?: number; random?: () => number } = {}): {
  breaker: CircuitBreaker;
  advance: (ms: number) => void;
  open: () => void;
  failProbeAfter: (ms: number) => void;
} {
  let time = 0;
  const breaker = new CircuitBreaker({
    failureThreshold: 2,
    openDurationMs: 500,
    maxOpenDurationMs: 10_000,
    now: () => time,
    ...options,
  });
  const advance = (ms: number): void => {
    time += ms;
  };
  return {
    breaker,
    advance,
    open: () => {
      breaker.failure();
      breaker.failure();
    },
    failProbeAfter: (ms) => {
      advance(ms);
      const permit = permitOf(breaker);
      expect(permit.probe).toBe(true);
      breaker.failure(permit);
    },
  };
}

/** The permit of a call the breaker must let through. */
function permitOf(breaker: CircuitBreaker): BreakerPermit {
  const permit = breaker.acquire();
  if (permit === null) throw new Error('the breaker refused a call it should have let through');
  return permit;
}

/** Asserts the circuit refuses calls for `ms - 1` ms and grants a probe at `ms`. */
function expectWait(breaker: CircuitBreaker, advance: (ms: number) => void, ms: number): void {
  advance(ms - 1);
  expect(breaker.state).toBe('open');
  expect(breaker.acquire()).toBeNull();
  advance(1);
  expect(breaker.state).toBe('half-open');
}

describe('CircuitBreaker with a growing wait', () => {
  it('waits openDurationMs before the first probe', () => {
    const { breaker, advance, open } = growing();
    open();
    expectWait(breaker, advance, 500);
  });

  it('doubles the wait after each failed probe', () => {
    const { breaker, advance, open, failProbeAfter } = growing();
    open();
    failProbeAfter(500);
    expectWait(breaker, advance, 1000);
    failProbeAfter(0);
    expectWait(breaker, advance, 2000);
    failProbeAfter(0);
    expectWait(breaker, advance, 4000);
  });

  it('never waits longer than maxOpenDurationMs', () => {
    const { breaker, advance, open, failProbeAfter } = growing();
    open();
    failProbeAfter(500);
    for (const wait of [1000, 2000, 4000, 8000]) failProbeAfter(wait);
    expectWait(breaker, advance, 10_000);
    failProbeAfter(0);
    expectWait(breaker, advance, 10_000);
  });

  it('goes back to the first wait after a successful probe', () => {
    const { breaker, advance, open, failProbeAfter } = growing();
    open();
    failProbeAfter(500);
    failProbeAfter(1000);
    advance(2000);
    expect(permitOf(breaker).probe).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    open();
    expectWait(breaker, advance, 500);
  });

  it('keeps a fixed wait without maxOpenDurationMs', () => {
    let time = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, openDurationMs: 300, now: () => time });
    breaker.failure();
    for (let i = 0; i < 4; i++) {
      expectWait(breaker, (ms) => (time += ms), 300);
      expect(breaker.tryAcquire()).toBe(true);
      breaker.failure();
    }
  });

  it('takes the jitter off the wait, never adding to it', () => {
    const draws = [0.5, 0.999, 0];
    const { breaker, advance, open, failProbeAfter } = growing({
      jitter: 0.1,
      random: () => draws.shift() ?? 0,
    });
    open();
    expectWait(breaker, advance, 475);
    failProbeAfter(0);
    expectWait(breaker, advance, Math.ceil(1000 * (1 - 0.1 * 0.999)));
    failProbeAfter(0);
    expectWait(breaker, advance, 2000);
  });

  it('rejects invalid options with a TypeError naming them', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(/"failureThreshold"/);
    expect(() => new CircuitBreaker({ openDurationMs: -1 })).toThrow(/"openDurationMs"/);
    expect(() => new CircuitBreaker({ openDurationMs: 500, maxOpenDurationMs: 400 })).toThrow(
      /"maxOpenDurationMs"/,
    );
    expect(() => new CircuitBreaker({ jitter: 1 })).toThrow(/"jitter"/);
    expect(() => new CircuitBreaker({ jitter: Number.NaN })).toThrow(/"jitter"/);
  });
});

describe('CircuitBreaker probes', () => {
  it('grants one probe to 1,000 concurrent acquirers while half-open, and none until it reports', async () => {
    const { breaker, advance, open } = growing();
    open();
    advance(500);
    let release = (): void => undefined;
    const probeDone = new Promise<void>((resolve) => {
      release = resolve;
    });
    let granted = 0;
    const callers = Array.from({ length: 1000 }, async () => {
      await Promise.resolve();
      const permit = breaker.acquire();
      if (permit === null) return;
      granted++;
      await probeDone;
      breaker.failure(permit);
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(granted).toBe(1);
    advance(60_000);
    expect(breaker.acquire()).toBeNull();
    release();
    await Promise.all(callers);
    expect(granted).toBe(1);
    expectWait(breaker, advance, 1000);
  });

  it('ignores a late fault of a call sent before the circuit opened while the probe is in flight', () => {
    const { breaker, advance } = growing();
    const [first, second, late] = [permitOf(breaker), permitOf(breaker), permitOf(breaker)];
    expect(late.probe).toBe(false);
    breaker.failure(first);
    breaker.failure(second);
    expect(breaker.state).toBe('open');
    advance(500);
    const probe = permitOf(breaker);
    expect(probe.probe).toBe(true);
    breaker.failure(late);
    expect(breaker.state).toBe('half-open');
    advance(10_000);
    expect(breaker.acquire()).toBeNull();
    breaker.failure(probe);
    expectWait(breaker, advance, 1000);
  });

  it('ignores a late fault of a call sent before the last close', () => {
    const { breaker, advance, open } = growing();
    const old = permitOf(breaker);
    open();
    advance(500);
    expect(permitOf(breaker).probe).toBe(true);
    breaker.success();
    breaker.failure(old);
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
  });

  it('closes on a late success even while the probe is in flight, and the probe cannot reopen it', () => {
    const { breaker, advance, open } = growing();
    open();
    advance(500);
    const probe = permitOf(breaker);
    breaker.success();
    expect(breaker.state).toBe('closed');
    breaker.failure(probe);
    expect(breaker.state).toBe('closed');
    expect(permitOf(breaker).probe).toBe(false);
  });
});
