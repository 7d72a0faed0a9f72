/**
 * @module In-process `TokenStateStore`: for tests and development only, since single use must hold
 * across processes in production.
 */
import { assertStoreArguments, type TokenStateStore } from './token-state-store.js';

/** Options of `createMemoryTokenStateStore`. */
export interface MemoryTokenStateStoreOptions {
  /** The clock, in epoch milliseconds; records lapse at their `expiresAt`. @default Date.now */
  now?: () => number;
}

/**
 * Creates a `TokenStateStore` held in a `Map` of this process. Lapsed records are dropped as they
 * are met and on every 1,000th write.
 *
 * @example
 * ```ts
 * const tokens = createTrustTokens({ keys, store: createMemoryTokenStateStore() });
 * ```
 */
export function createMemoryTokenStateStore(options: MemoryTokenStateStoreOptions = {}): TokenStateStore {
  const now = options.now ?? Date.now;
  const records = new Map<string, number>();
  let writes = 0;

  const live = (jti: string): boolean => {
    const until = records.get(jti);
    if (until === undefined) return false;
    if (until > now()) return true;
    records.delete(jti);
    return false;
  };

  const sweep = (): void => {
    if (++writes % 1000 !== 0) return;
    const at = now();
    for (const [jti, until] of records) if (until <= at) records.delete(jti);
  };

  return {
    async consume(jti, expiresAt) {
      assertStoreArguments(jti, expiresAt);
      if (live(jti)) return false;
      records.set(jti, expiresAt.getTime());
      sweep();
      return true;
    },
    async revoke(jti, expiresAt) {
      assertStoreArguments(jti, expiresAt);
      records.set(jti, Math.max(records.get(jti) ?? 0, expiresAt.getTime()));
      sweep();
    },
    async isRevokedOrUsed(jti) {
      assertStoreArguments(jti);
      return live(jti);
    },
  };
}
