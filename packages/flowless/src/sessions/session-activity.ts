/**
 * @module What one process remembers of session activity: when it last wrote `last_used_at` per
 * session (cached copies are not rewritten on every touch: a write could resurrect a concurrent
 * revocation, so the throttle lives here), and which session hashes it cached per user (so a
 * user revocation heard on the feed finds them). Sliding idle expiry under the absolute cap.
 */
import { LRUCache } from 'lru-cache';
import type { BackgroundTasks } from '../runtime/background-tasks.js';
import type { SessionCache } from './session-cache.js';
import type { SessionRecord } from './session-record.js';
import type { SessionLookup } from './session-service.js';
import type { SessionStore } from './session-store.js';

/** Options of {@link SessionActivity}. */
export interface SessionActivityOptions {
  store: SessionStore;
  cache: SessionCache;
  tasks: BackgroundTasks;
  /** Inactivity after which a session expires, in ms. */
  idleTimeoutMs: number;
  /** Sessions (and users) remembered. */
  memory: number;
}

/** The activity one process has seen, and the expiry rules that depend on it. */
export class SessionActivity {
  readonly #o: SessionActivityOptions;
  readonly #touched: LRUCache<string, number>;
  readonly #cachedByUser: LRUCache<string, Set<string>>;

  constructor(options: SessionActivityOptions) {
    this.#o = options;
    this.#touched = new LRUCache<string, number>({ max: options.memory });
    this.#cachedByUser = new LRUCache<string, Set<string>>({ max: options.memory });
  }

  /** The expiry of a session last used at `lastUsed`, within its absolute cap. */
  expiryFrom(lastUsed: number, absolute: number): number {
    return Math.min(lastUsed + this.#o.idleTimeoutMs, absolute);
  }

  /** Remembers that this process cached `session`, under its user. */
  index(session: SessionRecord): void {
    const hashes = this.#cachedByUser.get(session.userId) ?? new Set<string>();
    hashes.add(session.hash);
    this.#cachedByUser.set(session.userId, hashes);
  }

  /** Applies what this process knows of later activity, then checks expiry. */
  check(found: SessionRecord | null, now: number, cached: boolean): SessionLookup {
    if (!found || found.user.isBanned) return { ok: false, reason: 'invalid' };
    const lastUsedAt = Math.max(found.lastUsedAt, this.#touched.get(found.hash) ?? 0);
    const session = { ...found, lastUsedAt, expiresAt: this.expiryFrom(lastUsedAt, found.absoluteExpiresAt) };
    if (now >= session.expiresAt || now >= session.absoluteExpiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, session, cached };
  }

  /** Records use of `session` at `now` (sliding its expiry) and returns the new expiry. */
  slide(session: SessionRecord, now: number): number {
    this.#touched.set(session.hash, now);
    session.lastUsedAt = now;
    session.expiresAt = this.expiryFrom(now, session.absoluteExpiresAt);
    return session.expiresAt;
  }

  /** {@link slide}, with the `last_used_at` write left to the background. */
  touch(session: SessionRecord, now: number): void {
    const expiresAt = this.slide(session, now);
    const { hash } = session;
    this.#o.tasks.run('session.touch', () => this.#o.store.touch(hash, now, expiresAt));
  }

  /** Forgets these sessions here and drops them from the cache. */
  dropCached(hashes: readonly string[]): Promise<unknown> {
    return Promise.all(
      hashes.map((hash) => {
        this.#touched.delete(hash);
        return this.#o.cache.delete(hash);
      }),
    );
  }

  /** The hashes this process cached for `userId`, forgotten as they are returned. */
  takeCachedOfUser(userId: string): string[] {
    const hashes = this.#cachedByUser.get(userId);
    this.#cachedByUser.delete(userId);
    return [...(hashes ?? [])];
  }
}
