/**
 * @module The conformance suite of the `TokenStateStore` port, run against every adapter. Import it
 * in a Vitest file: `runTokenStateStoreSuite({ name: 'redis', createStore })`.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenPayloadInvalidError } from '../errors.js';
import type { TokenStateStore } from '../store/token-state-store.js';

/** Options of `runTokenStateStoreSuite`. */
export interface TokenStateStoreSuiteOptions {
  /** Shown in the suite's name, e.g. `'redis'`. */
  name: string;
  /**
   * Returns a store. Stores returned by separate calls must share their backend (same Redis, same
   * database) but may use separate connections: the race tests use several of them at once.
   */
  createStore: () => TokenStateStore | Promise<TokenStateStore>;
  /** How many concurrent consumers race for one token id. @default 50 */
  concurrency?: number;
}

const inOneMinute = (): Date => new Date(Date.now() + 60_000);
const freshJti = (): string => `suite-${randomUUID()}`;

/**
 * Declares the suite: single consumption, concurrent consumption (one winner), revocation, and
 * rejection of bad arguments.
 *
 * @example
 * ```ts
 * runTokenStateStoreSuite({ name: 'memory', createStore: () => createMemoryTokenStateStore() });
 * ```
 */
export function runTokenStateStoreSuite(options: TokenStateStoreSuiteOptions): void {
  const { name, createStore, concurrency = 50 } = options;

  describe(`TokenStateStore conformance: ${name}`, () => {
    it('consume() resolves true the first time and false every time after', async () => {
      const store = await createStore();
      const jti = freshJti();
      expect(await store.isRevokedOrUsed(jti)).toBe(false);
      expect(await store.consume(jti, inOneMinute())).toBe(true);
      expect(await store.consume(jti, inOneMinute())).toBe(false);
      expect(await store.consume(jti, inOneMinute())).toBe(false);
      expect(await store.isRevokedOrUsed(jti)).toBe(true);
    });

    it('consuming one token id leaves every other token id usable', async () => {
      const store = await createStore();
      const [first, second] = [freshJti(), freshJti()];
      expect(await store.consume(first, inOneMinute())).toBe(true);
      expect(await store.isRevokedOrUsed(second)).toBe(false);
      expect(await store.consume(second, inOneMinute())).toBe(true);
    });

    it(`exactly one of ${concurrency} concurrent consume() calls on one store succeeds`, async () => {
      const store = await createStore();
      const jti = freshJti();
      const results = await Promise.all(
        Array.from({ length: concurrency }, () => store.consume(jti, inOneMinute())),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('exactly one consume() succeeds when separate store instances race for the same token id', async () => {
      const stores = await Promise.all([createStore(), createStore(), createStore()]);
      const jti = freshJti();
      const results = await Promise.all(
        Array.from({ length: concurrency }, (_, index) =>
          stores[index % stores.length]?.consume(jti, inOneMinute()),
        ),
      );
      expect(results.filter((result) => result === true)).toHaveLength(1);
    });

    it('a revoked token id can no longer be consumed, and revoking twice is harmless', async () => {
      const store = await createStore();
      const jti = freshJti();
      await store.revoke(jti, inOneMinute());
      await store.revoke(jti, inOneMinute());
      expect(await store.isRevokedOrUsed(jti)).toBe(true);
      expect(await store.consume(jti, inOneMinute())).toBe(false);
    });

    it('revoking a consumed token id keeps it unusable', async () => {
      const store = await createStore();
      const jti = freshJti();
      expect(await store.consume(jti, inOneMinute())).toBe(true);
      await store.revoke(jti, inOneMinute());
      expect(await store.isRevokedOrUsed(jti)).toBe(true);
      expect(await store.consume(jti, inOneMinute())).toBe(false);
    });

    it('rejects an empty or oversized token id and an invalid expiry with ERR_TOKEN_PAYLOAD_INVALID', async () => {
      const store = await createStore();
      await expect(store.consume('', inOneMinute())).rejects.toBeInstanceOf(TokenPayloadInvalidError);
      await expect(store.consume('x'.repeat(256), inOneMinute())).rejects.toBeInstanceOf(
        TokenPayloadInvalidError,
      );
      await expect(store.consume(freshJti(), new Date(Number.NaN))).rejects.toBeInstanceOf(
        TokenPayloadInvalidError,
      );
      await expect(store.revoke('', inOneMinute())).rejects.toBeInstanceOf(TokenPayloadInvalidError);
      await expect(store.isRevokedOrUsed('')).rejects.toBeInstanceOf(TokenPayloadInvalidError);
      expect(await store.consume(freshJti().padEnd(255, 'x'), inOneMinute())).toBe(true);
    });
  });
}
