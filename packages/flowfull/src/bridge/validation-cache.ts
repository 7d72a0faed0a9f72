/**
 * @module The validator's cache: one HybridCache of validations (its L1 answers the warm path
 * synchronously; with Redis its L2 and invalidation bus share validations between instances), a
 * bounded negative cache for ids Flowless rejected, and a per-user index of session hashes so
 * `user.sessions_revoked` can find a user's entries. Keys are SHA-256 hashes of session ids,
 * never the ids.
 */
import { LRUCache } from 'lru-cache';
import type { HybridCache } from '../cache/hybrid-cache.js';
import type { BridgeSession, SessionFailureCode } from './types.js';

/** A positive validation as cached: fresh until `freshUntil`, servable during an outage until `staleUntil`. */
export interface CachedValidation {
  readonly session: BridgeSession;
  /** Epoch ms when Flowless was asked (absent in entries of older versions: 0). */
  readonly validatedAt?: number;
  /** Epoch ms after which Flowless is asked again. */
  readonly freshUntil: number;
  /** Epoch ms after which the entry is useless, even as a grace fallback. */
  readonly staleUntil: number;
}

/** The cache of validations: a `HybridCache<CachedValidation>`, or anything with its five methods. */
export type ValidationStore = Pick<
  HybridCache<CachedValidation>,
  'peek' | 'get' | 'fill' | 'delete' | 'clearLocal'
>;

/** The subset of an ioredis client the shared per-user index uses. */
export interface UserIndexRedis {
  sadd(key: string, member: string): Promise<number>;
  smembers(key: string): Promise<string[]>;
  del(key: string): Promise<number>;
  pexpire(key: string, ms: number): Promise<number>;
}

/** Options of {@link ValidationCache}. */
export interface ValidationCacheOptions {
  /** The validations. */
  store: ValidationStore;
  /** Users whose hashes are indexed in this process (bounded like the store's L1). */
  indexSize: number;
  /** Entries kept in the negative cache (bounded, so a flood of bogus ids cannot grow it). */
  negativeSize: number;
  /** Redis client for the shared per-user index and its key prefix, or null. */
  userIndex: { redis: UserIndexRedis; keyPrefix: string } | null;
  /** Clock in ms. */
  now: () => number;
  /** Reports store faults (the cache degrades to this process). */
  onStoreError: (error: unknown) => void;
}

/** Validations, rejections and the per-user index, keyed by session hash. */
export class ValidationCache {
  readonly #o: ValidationCacheOptions;
  readonly #negative: LRUCache<string, { code: SessionFailureCode; until: number }>;
  readonly #byUser: LRUCache<string, Set<string>>;

  constructor(options: ValidationCacheOptions) {
    this.#o = options;
    this.#negative = new LRUCache({ max: options.negativeSize });
    this.#byUser = new LRUCache({ max: options.indexSize });
  }

  /** Synchronous look-up in this process (the store's L1); ignores entries past `staleUntil`. */
  peek(hash: string): CachedValidation | undefined {
    const entry = this.#o.store.peek(hash);
    return entry === undefined || this.#o.now() >= entry.staleUntil ? undefined : entry;
  }

  /** This process, then the shared tier. */
  async lookup(hash: string): Promise<CachedValidation | undefined> {
    const hot = this.peek(hash);
    if (hot !== undefined) return hot;
    try {
      const shared = await this.#o.store.get(hash);
      return shared === null || shared === undefined || this.#o.now() >= shared.staleUntil
        ? undefined
        : shared;
    } catch (error) {
      this.#o.onStoreError(error);
      return undefined;
    }
  }

  /** The failure cached for an id Flowless rejected a moment ago. */
  rejected(hash: string): SessionFailureCode | undefined {
    const entry = this.#negative.get(hash);
    if (entry === undefined || this.#o.now() < entry.until) return entry?.code;
    this.#negative.delete(hash);
    return undefined;
  }

  /** Caches a rejection for `ttlMs`. */
  reject(hash: string, code: SessionFailureCode, ttlMs: number): void {
    if (ttlMs > 0) this.#negative.set(hash, { code, until: this.#o.now() + ttlMs });
  }

  /**
   * Caches a positive validation: in this process before returning (the next request is a warm
   * hit), then in the shared tier and the shared per-user index. Other instances keep their copies:
   * a validation is a fact learnt again, not a change. Resolves when the writes settled.
   */
  remember(hash: string, entry: CachedValidation): Promise<void> {
    const ttlMs = entry.staleUntil - this.#o.now();
    const userId = entry.session.user_id;
    const hashes = this.#byUser.get(userId) ?? new Set<string>();
    hashes.add(hash);
    this.#byUser.set(userId, hashes);
    const writes: Promise<unknown>[] = [
      this.#o.store.fill(hash, entry, Math.max(1, Math.ceil(ttlMs / 1000))),
    ];
    const { userIndex } = this.#o;
    if (userIndex !== null) {
      const key = `${userIndex.keyPrefix}:user:${userId}`;
      writes.push(userIndex.redis.sadd(key, hash), userIndex.redis.pexpire(key, Math.max(ttlMs, 1000)));
    }
    return Promise.allSettled(writes).then((results) => {
      for (const result of results) if (result.status === 'rejected') this.#o.onStoreError(result.reason);
    });
  }

  /** Empties this process's entries (after revocations may have been missed); the shared tier stays. */
  clearLocal(): void {
    this.#o.store.clearLocal();
    this.#byUser.clear();
  }

  /** Drops one session everywhere, and from the negative cache. */
  async drop(hash: string): Promise<void> {
    this.#negative.delete(hash);
    try {
      await this.#o.store.delete(hash);
    } catch (error) {
      this.#o.onStoreError(error);
    }
  }

  /** Drops every cached session of a user, found through the local and the shared index. */
  async dropUser(userId: string): Promise<void> {
    const local = new Set(this.#byUser.get(userId));
    this.#byUser.delete(userId);
    // This process's copies go at once (each drop removes its L1 entry before its first await).
    const drops = [...local].map((hash) => this.drop(hash));
    const { userIndex } = this.#o;
    if (userIndex !== null) {
      const key = `${userIndex.keyPrefix}:user:${userId}`;
      try {
        for (const hash of await userIndex.redis.smembers(key))
          if (!local.has(hash)) drops.push(this.drop(hash));
        await userIndex.redis.del(key);
      } catch (error) {
        this.#o.onStoreError(error);
      }
    }
    await Promise.all(drops);
  }
}
