/**
 * @module Collapses concurrent loads of one key into one call.
 */

/**
 * In-process request coalescing: while a load for a key is in flight, later callers join it and
 * receive its result or its error.
 */
export class SingleFlight<V> {
  readonly #inFlight = new Map<string, Promise<V>>();

  /** Number of keys with a load in flight. */
  get size(): number {
    return this.#inFlight.size;
  }

  /** The pending load of `key`, if any. */
  get(key: string): Promise<V> | undefined {
    return this.#inFlight.get(key);
  }

  /** Joins the load of `key` or starts `load()`; the key is released when the load settles. */
  run(key: string, load: () => Promise<V>): Promise<V> {
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return pending;
    const flight = load();
    this.#inFlight.set(key, flight);
    const release = (): void => {
      if (this.#inFlight.get(key) === flight) this.#inFlight.delete(key);
    };
    flight.then(release, release);
    return flight;
  }

  /** Forgets the load of `key` so that the next caller starts a new one (after an invalidation). */
  forget(key: string): void {
    this.#inFlight.delete(key);
  }

  /** Forgets every load whose key starts with `prefix`. */
  forgetPrefix(prefix: string): void {
    for (const key of [...this.#inFlight.keys()]) if (key.startsWith(prefix)) this.#inFlight.delete(key);
  }
}
