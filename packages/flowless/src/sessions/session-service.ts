/**
 * @module Session lifecycle: minting (256-bit ids, stored as SHA-256), validation through the
 * shared session cache, sliding idle expiry under an absolute cap with `last_used_at` written at
 * most once per touch interval, and revocation: delete the rows, drop the cache entries on every
 * instance, then publish the revocation for Flowfull.
 */
import { defaultOf } from 'flowfull/config';
import { flowlessSection } from '../config/flowless-section.js';
import type { BackgroundTasks } from '../runtime/background-tasks.js';
import type { Clock } from '../runtime/clock.js';
import { randomSecret, sha256Hex } from '../secrets/opaque-secret.js';
import type { RevocationMessage, RevocationPublisher } from './revocation-publisher.js';
import { SessionActivity } from './session-activity.js';
import type { SessionCache } from './session-cache.js';
import { createSessionEnding } from './session-ending.js';
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
  /** Life of a session waiting for its second factor, in ms. @default `TWO_FACTOR_PENDING_TTL_MS`'s default (300_000) */
  pendingLifetimeMs?: number;
}

/** Options of {@link SessionService.issue}. */
export interface IssueOptions {
  /** Mint a session waiting for a second factor (refused everywhere but the 2FA routes). @default false */
  pending?: boolean;
}

/** Options of {@link SessionService.validate}. */
export interface ValidateOptions {
  /** Accept a session waiting for its second factor (the 2FA routes only). @default false */
  allowPending?: boolean;
}

/** The session service. */
export interface SessionService {
  issue(userId: string, context: SessionContext, options?: IssueOptions): Promise<IssuedSession>;
  /**
   * Validates a raw session id; records activity at most once per touch interval. A pending
   * session is `invalid` unless `allowPending`.
   */
  validate(rawId: string, options?: ValidateOptions): Promise<SessionLookup>;
  /**
   * Promotes a pending session to an active, second-factor-verified one, keeping its id; null when
   * it is no longer pending (another request promoted it) or has expired.
   */
  promote(rawId: string, method: string): Promise<IssuedSession | null>;
  /**
   * Counts one second-factor attempt on a pending session and returns the attempts left after it;
   * null once `max` were spent.
   */
  reserveAttempt(rawId: string, max: number): Promise<number | null>;
  /** Records that a second factor was verified on an active session. */
  markVerified(rawId: string, method: string): Promise<void>;
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
 */
export function createSessionService(options: SessionServiceOptions): SessionService {
  const { store, cache, revocations, clock, tasks } = options;
  const pendingLifetimeMs = options.pendingLifetimeMs ?? defaultOf(flowlessSection.TWO_FACTOR_PENDING_TTL_MS);
  const activity = new SessionActivity({
    store,
    cache,
    tasks,
    idleTimeoutMs: options.idleTimeoutMs,
    memory: options.touchMemory ?? 100_000,
  });
  const expiryFrom = (lastUsed: number, absolute: number): number => activity.expiryFrom(lastUsed, absolute);
  const dropCached = (hashes: readonly string[]): Promise<unknown> => activity.dropCached(hashes);
  const ending = createSessionEnding({ store, clock, revocations, activity });

  return {
    async issue(userId, context, issueOptions = {}) {
      const now = clock.now();
      const id = randomSecret(32);
      const pending = issueOptions.pending === true;
      const absoluteExpiresAt = now + (pending ? pendingLifetimeMs : options.absoluteLifetimeMs);
      const expiresAt = expiryFrom(now, absoluteExpiresAt);
      await store.insert({
        ...context,
        hash: sha256Hex(id),
        userId,
        now,
        expiresAt,
        absoluteExpiresAt,
        pending,
      });
      return { id, expiresAt };
    },
    async promote(rawId, method) {
      const hash = sha256Hex(rawId);
      const now = clock.now();
      const absoluteExpiresAt = now + options.absoluteLifetimeMs;
      const expiresAt = expiryFrom(now, absoluteExpiresAt);
      const promoted = await store.promote(hash, { now, expiresAt, absoluteExpiresAt, method });
      // Every instance must drop its pending copy, so the promoted session is read afresh.
      await dropCached([hash]);
      return promoted ? { id: rawId, expiresAt } : null;
    },
    reserveAttempt(rawId, max) {
      return store.reserveAttempt(sha256Hex(rawId), max);
    },
    async markVerified(rawId, method) {
      const hash = sha256Hex(rawId);
      await store.markVerified(hash, clock.now(), method);
      await dropCached([hash]);
    },
    async validate(rawId, validateOptions = {}) {
      const hash = sha256Hex(rawId);
      const now = clock.now();
      let loaded = false;
      const found = await cache.getOrSet(hash, async () => {
        loaded = true;
        return cacheable(await store.findByHash(hash));
      });
      if (found) activity.index(found);
      let result = activity.check(found, now, !loaded);
      if (!result.ok && result.reason === 'expired' && !loaded) {
        // Another instance may have slid the expiry since this copy was cached: ask the database.
        await cache.delete(hash);
        result = activity.check(await store.findByHash(hash), now, false);
      }
      if (!result.ok) return result;
      if (result.session.pending && validateOptions.allowPending !== true)
        return { ok: false, reason: 'invalid' };
      if (now - result.session.lastUsedAt >= options.touchIntervalMs) activity.touch(result.session, now);
      return result;
    },
    async refresh(rawId) {
      const hash = sha256Hex(rawId);
      const now = clock.now();
      const result = activity.check(await store.findByHash(hash), now, false);
      if (!result.ok) return result;
      if (result.session.pending) return { ok: false, reason: 'invalid' };
      const session = result.session;
      await store.touch(hash, now, activity.slide(session, now));
      return { ok: true, session, cached: false };
    },
    revoke(rawId) {
      return ending.revokeHash(sha256Hex(rawId));
    },
    ...ending,
  };
}
