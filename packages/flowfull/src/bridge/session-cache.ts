/**
 * @module The validator's cache: a synchronous in-process LRU in front of a shared store (a
 * HybridCache, so instances share validations over Redis), a bounded negative cache for ids
 * Flowless rejected, and a per-user index of session hashes so `user.sessions_revoked` can find
 * a user's entries. Keys are SHA-256 hashes of session ids, never the ids.
 */
import { LRUCache } from 'lru-cache';
import type { BridgeSession, SessionFailureCode } from './types.js';

/** A positive validation as cached: fresh until `freshUntil`, servable during an outage until `staleUntil`. */
export interface CachedValidation {
  readonly session: BridgeSession;
  /** Epoch ms when Flowless said the session was valid (absent in entries of older versions: 0). */
  readonly validatedAt?: number;
  /** Epoch ms after which Flowless is asked again. */
  readonly freshUntil: number;
  /** Epoch ms after which the entry is useless, even as a grace fallback. */
  readonly staleUntil: number;
}

/**
 * The shared store port: the subset of `HybridCache<CachedValidation>` the validator uses.
 * `get` resolves `null`/`undefined` on a miss; `set` takes a TTL in seconds.
 */
export interface SessionStore {
  get(key: string): Promise<CachedValidation | null | undefined>;
  set(key: string, value: CachedValidation, ttlSeconds?: number): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

/** The subset of an ioredis client the shared per-user index uses. */
export interface UserIndexRedis {
  sadd(key: string, member: string): Promise<number>;
  smembers(key: string): Promise<string[]>;
  del(key: string): Promise<number>;
  pexpire(key: string, ms: number): Promise<number>;
}

/** Options of {@link SessionCache}. */
export interface SessionCacheOptions {
  /** The shared store; `null` keeps validations in this process only. */
  store: SessionStore | null;
  /** Entries kept in the in-process LRU. */
  hotSize: number;
  /** Entries kept in the negative cache (bounded, so a flood of bogus ids cannot grow it). */
  negativeSize: number;
  /** Redis client for the shared per-user index and its key prefix, or null. */
  userIndex: { redis: UserIndexRedis; keyPrefix: string } | null;
  /** Clock in ms. */
  now: () => number;
  /** Reports store faults (the cache degrades to the in-process LRU). */
  onStoreError: (error: unknown) => void;
}

/** Two-level session cache keyed by session hash. */
export class SessionCache {
  readonly #o: SessionCacheOptions;
  readonly #hot: LRUCache<string, CachedValidation>;
  readonly #negative: LRUCache<string, { code: SessionFailureCode; until: number }>;
  readonly #byUser = new Map<string, Set<string>>();

  constructor(options: SessionCacheOptions) {
    this.#o = options;
    this.#hot = new LRUCache({
      max: options.hotSize,
      dispose: (value, hash) => this.#unindex(value.session.user_id, hash),
    });
    this.#negative = new LRUCache({ max: options.negativeSize });
  }

  /** Synchronous look-up in the in-process LRU; drops and ignores entries past `staleUntil`. */
  peek(hash: string): CachedValidation | undefined {
    const entry = this.#hot.get(hash);
    if (entry === undefined || this.#o.now() < entry.staleUntil) return entry;
    this.#hot.delete(hash);
    return undefined;
  }

  /** The in-process LRU, then the shared store (which back-fills the LRU). */
  async lookup(hash: string): Promise<CachedValidation | undefined> {
    const hot = this.peek(hash);
    if (hot !== undefined || this.#o.store === null) return hot;
    try {
      const shared = await this.#o.store.get(hash);
      if (shared === null || shared === undefined || this.#o.now() >= shared.staleUntil) return undefined;
      this.#remember(hash, shared);
      return shared;
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

  /** Caches a positive validation in the in-process LRU (synchronously) and indexes it by user. */
  remember(hash: string, entry: CachedValidation): void {
    this.#remember(hash, entry);
  }

  /** Writes a positive validation to the shared store and the shared per-user index, concurrently. */
  async persist(hash: string, entry: CachedValidation): Promise<void> {
    const ttlMs = entry.staleUntil - this.#o.now();
    const { store, userIndex } = this.#o;
    const writes: Promise<unknown>[] = [];
    if (store !== null) writes.push(store.set(hash, entry, Math.max(1, Math.ceil(ttlMs / 1000))));
    if (userIndex !== null) {
      const key = `${userIndex.keyPrefix}:user:${entry.session.user_id}`;
      writes.push(userIndex.redis.sadd(key, hash), userIndex.redis.pexpire(key, Math.max(ttlMs, 1000)));
    }
    const results = await Promise.allSettled(writes);
    for (const result of results) if (result.status === 'rejected') this.#o.onStoreError(result.reason);
  }

  /** Empties the in-process LRU (after revocations may have been missed); the shared store stays. */
  clearLocal(): void {
    this.#hot.clear();
    this.#byUser.clear();
  }

  /** Drops one session from both levels and from the negative cache. */
  async drop(hash: string): Promise<void> {
    this.#hot.delete(hash);
    this.#negative.delete(hash);
    if (this.#o.store === null) return;
    try {
      await this.#o.store.delete(hash);
    } catch (error) {
      this.#o.onStoreError(error);
    }
  }

  /** Drops every cached session of a user, found through the local and the shared index. */
  async dropUser(userId: string): Promise<void> {
    const hashes = new Set(this.#byUser.get(userId));
    const { userIndex } = this.#o;
    for (const hash of hashes) this.#hot.delete(hash);
    if (userIndex !== null) {
      const key = `${userIndex.keyPrefix}:user:${userId}`;
      try {
        for (const hash of await userIndex.redis.smembers(key)) hashes.add(hash);
        await userIndex.redis.del(key);
      } catch (error) {
        this.#o.onStoreError(error);
      }
    }
    await Promise.all([...hashes].map((hash) => this.drop(hash)));
  }

  #remember(hash: string, entry: CachedValidation): void {
    this.#hot.set(hash, entry);
    let hashes = this.#byUser.get(entry.session.user_id);
    if (hashes === undefined) {
      hashes = new Set();
      this.#byUser.set(entry.session.user_id, hashes);
    }
    hashes.add(hash);
  }

  #unindex(userId: string, hash: string): void {
    const hashes = this.#byUser.get(userId);
    if (hashes === undefined) return;
    hashes.delete(hash);
    if (hashes.size === 0) this.#byUser.delete(userId);
  }
}
