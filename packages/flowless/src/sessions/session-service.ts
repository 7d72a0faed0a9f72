/**
 * @module Session lifecycle: minting (256-bit ids, stored as SHA-256), validation through the
 * cache, sliding idle expiry under an absolute cap, and revocation followed by a published
 * revocation message.
 */

import type { BackgroundTasks } from '../runtime/background-tasks.js';
import type { Clock } from '../runtime/clock.js';
import { randomSecret, sha256Hex } from '../secrets/opaque-secret.js';
import type { RevocationBus } from './revocation-bus.js';
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
  bus: RevocationBus;
  clock: Clock;
  tasks: BackgroundTasks;
  /** Longest life of a session from login, in ms. */
  absoluteLifetimeMs: number;
  /** Inactivity after which a session expires, in ms. */
  idleTimeoutMs: number;
  /** Least time between two `last_used_at` writes for one session, in ms. */
  touchIntervalMs: number;
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
  /** Starts listening to revocations from other instances; returns the stop function. */
  listen(): Promise<() => Promise<void>>;
}

/**
 * Creates the {@link SessionService}.
 *
 * @example
 * ```ts
 * const sessions = createSessionService({ store, cache, bus, clock, tasks, absoluteLifetimeMs, idleTimeoutMs, touchIntervalMs });
 * const { id } = await sessions.issue(user.id, context);
 * ```
 */
export function createSessionService(options: SessionServiceOptions): SessionService {
  const { store, cache, bus, clock, tasks } = options;

  const expiryFrom = (now: number, absolute: number): number =>
    Math.min(now + options.idleTimeoutMs, absolute);

  const load = async (hash: string): Promise<{ session: SessionRecord | null; cached: boolean }> => {
    const hit = cache.get(hash);
    if (hit) return { session: hit, cached: true };
    const epoch = cache.epoch();
    const found = await store.findByHash(hash);
    if (found && !found.user.isBanned) cache.set(found, epoch, found.expiresAt - clock.now());
    return { session: found, cached: false };
  };

  const check = (session: SessionRecord | null, now: number, cached: boolean): SessionLookup => {
    if (!session || session.user.isBanned) return { ok: false, reason: 'invalid' };
    if (now >= session.expiresAt || now >= session.absoluteExpiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, session, cached };
  };

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
      const loaded = await load(hash);
      const result = check(loaded.session, now, loaded.cached);
      if (!result.ok) {
        if (result.reason === 'expired') cache.deleteSession(hash);
        return result;
      }
      const session = result.session;
      if (now - session.lastUsedAt >= options.touchIntervalMs) {
        // Throttled so that a cached validation costs no database write.
        session.lastUsedAt = now;
        session.expiresAt = expiryFrom(now, session.absoluteExpiresAt);
        const expiresAt = session.expiresAt;
        tasks.run('session.touch', () => store.touch(hash, now, expiresAt));
      }
      return result;
    },
    async refresh(rawId) {
      const hash = sha256Hex(rawId);
      const now = clock.now();
      const result = check(await store.findByHash(hash), now, false);
      if (!result.ok) return result;
      const session = result.session;
      session.lastUsedAt = now;
      session.expiresAt = expiryFrom(now, session.absoluteExpiresAt);
      await store.touch(hash, now, session.expiresAt);
      cache.deleteSession(hash);
      return { ok: true, session, cached: false };
    },
    revoke(rawId) {
      return this.revokeHash(sha256Hex(rawId));
    },
    async revokeHash(hash) {
      const userId = await store.deleteByHash(hash);
      cache.deleteSession(hash);
      await bus.publish({ type: 'session.revoked', session_hash: hash });
      return userId !== null;
    },
    async revokeUser(userId) {
      await store.deleteByUser(userId);
      cache.deleteUser(userId);
      await bus.publish({ type: 'user.sessions_revoked', user_id: userId });
    },
    async forgetUser(userId) {
      cache.deleteUser(userId);
      await bus.publish({ type: 'user.sessions_revoked', user_id: userId });
    },
    listen() {
      return bus.subscribe((message) => {
        if (message.type === 'session.revoked') cache.deleteSession(message.session_hash);
        else cache.deleteUser(message.user_id);
      });
    },
  };
}
