/**
 * @module The clock port: every time-dependent decision asks it, so tests can freeze time.
 */

/** A source of the current time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/**
 * A clock that only moves when told to, for tests.
 *
 * @example
 * ```ts
 * const clock = frozenClock(Date.UTC(2030, 0, 1));
 * clock.advance(60_000);
 * ```
 */
export function frozenClock(start: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(ms) {
      current = ms;
    },
  };
}
