/**
 * @module Session lifecycle: minting (256-bit ids, stored as SHA-256), validation through the
 * shared session cache, sliding idle expiry under an absolute cap with `last_used_at` written at
 * most once per touch interval, and revocation: delete the rows, drop the cache entries on every
 * instance, then publish the revocation for Flowfull.
 */
import { LRUCache } from 'lru-cache';
import type { BackgroundTasks } from '../runtime/background-tasks.js';
import type { Clock } from '../runtime/clock.js';
import { randomSecret, sha256Hex } from '../secrets/opaque-secret.js';
import type { RevocationMessage, RevocationPublisher } from './revocation-publisher.js';
import type { SessionCache } from './session-cache.js';
import type { SessionContext, SessionRecord } from './session-record.js';
import type { SessionStore } from './session-store.js';

/** Outcome of a lookup: expected failures are values, not throws. */
export type SessionLookup =
  | { ok: true; session: SessionRecord; cached: boolean }
  | { ok: false; reason: 'invalid' | 'expired' };

/** A freshly minted session. The raw `id` is returned once and never stored. */
export interface IssuedSession {
  id: string;
  expiresAt: number;
}

/** Options of {@link createSessionService}. */
export interface SessionServiceOptions {
  store: SessionStore;
  cache: SessionCache;
  revocations: RevocationPublisher;
  clock: Clock;
  tasks: BackgroundTasks;
  /** Longest life of a session from login, in ms. */
  absoluteLifetimeMs: number;
  /** Inactivity after which a session expires, in ms. */
  idleTimeoutMs: number;
  /** Least time between two `last_used_at` writes for one session, in ms. */
  touchIntervalMs: number;
  /** Sessions whose last write this process remembers (for the touch throttle). @default 100_000 */
  touchMemory?: number;
}

/** The session service. */
export interface SessionService {
  issue(userId: string, context: SessionContext): Promise<IssuedSession>;
  /** Validates a raw session id; records activity at most once per touch interval. */
  validate(rawId: string): Promise<SessionLookup>;
  /** Slides the expiry (within the absolute cap) and returns the refreshed session. */
  refresh(rawId: string): Promise<SessionLookup>;
  /** Ends one session; true when it existed. */
  revoke(rawId: string): Promise<boolean>;
  /** Ends one session by its hash; true when it existed. */
  revokeHash(hash: string): Promise<boolean>;
  /** Ends every session of a user. */
  revokeUser(userId: string): Promise<void>;
  /** Drops cached validations of a user on every instance (profile change, invalidate/me). */
  forgetUser(userId: string): Promise<void>;
  /**
   * Drops what this process cached about a revocation committed elsewhere (another instance
   * without a shared cache), as heard on the revocation feed.
   */
  forgetRevoked(message: RevocationMessage): Promise<void>;
}

/** The cached form of a session: the password hash never leaves the database. */
const cacheable = (found: SessionRecord | null): SessionRecord | null =>
  found && !found.user.isBanned ? { ...found, user: { ...found.user, passwordHash: null } } : null;

/**
 * Creates the {@link SessionService}.
 *
 * @example
 * ```ts
 * const sessions = createSessionService({ store, cache, revocations, clock, tasks, absoluteLifetimeMs, idleTimeoutMs, touchIntervalMs });
 * const { id } = await sessions.issue(user.id, context);
 * ```
 */
export function createSessionService(options: SessionServiceOptions): SessionService {
  const { store, cache, revocations, clock, tasks } = options;
  // When this process last wrote `last_used_at` per session hash: cached copies are not rewritten
  // on every touch (a write could resurrect a concurrent revocation), so the throttle lives here.
  const touched = new LRUCache<string, number>({ max: options.touchMemory ?? 100_000 });
  // The hashes this process cached per user, so a user revocation heard on the feed finds them.
  const cachedByUser = new LRUCache<string, Set<string>>({ max: options.touchMemory ?? 100_000 });
  const index = (session: SessionRecord): void => {
    const hashes = cachedByUser.get(session.userId) ?? new Set<string>();
    hashes.add(session.hash);
    cachedByUser.set(session.userId, hashes);
  };

  const expiryFrom = (lastUsed: number, absolute: number): number =>
    Math.min(lastUsed + options.idleTimeoutMs, absolute);

  /** Applies what this process knows of later activity, then checks expiry. */
  const check = (found: SessionRecord | null, now: number, cached: boolean): SessionLookup => {
    if (!found || found.user.isBanned) return { ok: false, reason: 'invalid' };
    const lastUsedAt = Math.max(found.lastUsedAt, touched.get(found.hash) ?? 0);
    const session = { ...found, lastUsedAt, expiresAt: expiryFrom(lastUsedAt, found.absoluteExpiresAt) };
    if (now >= session.expiresAt || now >= session.absoluteExpiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, session, cached };
  };

  const touch = (session: SessionRecord, now: number): void => {
    touched.set(session.hash, now);
    session.lastUsedAt = now;
    session.expiresAt = expiryFrom(now, session.absoluteExpiresAt);
    const { hash, expiresAt } = session;
    tasks.run('session.touch', () => store.touch(hash, now, expiresAt));
  };

  const dropCached = (hashes: readonly string[]): Promise<unknown> =>
    Promise.all(
      hashes.map((hash) => {
        touched.delete(hash);
        return cache.delete(hash);
      }),
    );

  return {
    async issue(userId, context) {
      const now = clock.now();
      const id = randomSecret(32);
      const absoluteExpiresAt = now + options.absoluteLifetimeMs;
      const expiresAt = expiryFrom(now, absoluteExpiresAt);
      await store.insert({ ...context, hash: sha256Hex(id), userId, now, expiresAt, absoluteExpiresAt });
      return { id, expiresAt };
    },
    async validate(rawId) {
      const hash = sha256Hex(rawId);
      const now = clock.now();
      let loaded = false;
      const found = await cache.getOrSet(hash, async () => {
        loaded = true;
        return cacheable(await store.findByHash(hash));
      });
      if (found) index(found);
      let result = check(found, now, !loaded);
      if (!result.ok && result.reason === 'expired' && !loaded) {
        // Another instance may have slid the expiry since this copy was cached: ask the database.
        await cache.delete(hash);
        result = check(await store.findByHash(hash), now, false);
      }
      if (!result.ok) return result;
      if (now - result.session.lastUsedAt >= options.touchIntervalMs) touch(result.session, now);
      return result;
    },
    async refresh(rawId) {
      const hash = sha256Hex(rawId);
      const now = clock.now();
      const result = check(await store.findByHash(hash), now, false);
      if (!result.ok) return result;
      const session = result.session;
      touched.set(hash, now);
      session.lastUsedAt = now;
      session.expiresAt = expiryFrom(now, session.absoluteExpiresAt);
      await store.touch(hash, now, session.expiresAt);
      return { ok: true, session, cached: false };
    },
    revoke(rawId) {
      return this.revokeHash(sha256Hex(rawId));
    },
    async revokeHash(hash) {
      const userId = await store.deleteByHash(hash, clock.now());
      await dropCached([hash]);
      await revocations.publish({ type: 'session.revoked', session_hash: hash });
      return userId !== null;
    },
    async revokeUser(userId) {
      await dropCached(await store.deleteByUser(userId, clock.now()));
      await revocations.publish({ type: 'user.sessions_revoked', user_id: userId });
    },
    async forgetUser(userId) {
      await dropCached(await store.announceUser(userId, clock.now()));
      await revocations.publish({ type: 'user.sessions_revoked', user_id: userId });
    },
    async forgetRevoked(message) {
      if (message.type === 'session.revoked') {
        await dropCached([message.session_hash]);
        return;
      }
      const hashes = cachedByUser.get(message.user_id);
      cachedByUser.delete(message.user_id);
      await dropCached([...(hashes ?? [])]);
    },
  };
}
