/**
 * @module Personal API tokens: minting (the secret is returned once; its SHA-256 and a display
 * prefix are stored), listing, revocation (the row and the cached copies go on every instance, then
 * the revocation is published for Flowfull) and validation for the bridge: the shape and checksum
 * are checked before any look-up, then the cache, then the database; `last_used_at` is written at
 * most once a minute per token, in batches behind the answers (see `api-token-use-writer.ts`).
 */
import { LRUCache } from 'lru-cache';
import type { BackgroundTasks } from '../runtime/background-tasks.js';
import type { Clock } from '../runtime/clock.js';
import { sha256Hex } from '../secrets/opaque-secret.js';
import type { RevocationMessage, RevocationPublisher } from '../sessions/revocation-publisher.js';
import type { ApiTokenCache } from './api-token-cache.js';
import { isWellFormedApiToken, mintApiToken } from './api-token-format.js';
import type { ApiTokenRecord, ApiTokenSummary } from './api-token-record.js';
import type { ApiTokenStore } from './api-token-store.js';
import { createApiTokenUseWriter } from './api-token-use-writer.js';

/** Least time between two `last_used_at` writes of one token, in ms. */
export const API_TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** Outcome of a validation: `malformed` was decided without a look-up. */
export type ApiTokenLookup =
  | { ok: true; token: ApiTokenRecord; cached: boolean }
  | { ok: false; reason: 'malformed' | 'invalid' | 'expired' | 'limited' };

/** Options of {@link ApiTokenService.validate}. */
export interface ApiTokenValidateOptions {
  /**
   * Asked before a database look-up (a cache miss); false refuses the token as `limited` unread.
   * @default always admits
   */
  admitLookup?: () => Promise<boolean>;
}

/** A token just created: the secret, shown once, and what the owner will see of it later. */
export interface CreatedApiToken {
  secret: string;
  token: ApiTokenSummary;
}

/** Options of {@link createApiTokenService}. */
export interface ApiTokenServiceOptions {
  store: ApiTokenStore;
  cache: ApiTokenCache;
  revocations: RevocationPublisher;
  clock: Clock;
  tasks: BackgroundTasks;
  /** Most tokens one user may hold. */
  maxPerUser: number;
}

/** The API token service. */
export interface ApiTokenService {
  /** Creates a token; null when the user already holds `maxPerUser`. */
  create(userId: string, input: { name: string; expiresAt: number | null }): Promise<CreatedApiToken | null>;
  /** The user's tokens, newest first. */
  list(userId: string): Promise<ApiTokenSummary[]>;
  /** Revokes the user's token `id` everywhere; false when the user has no such token. */
  revoke(userId: string, id: string): Promise<boolean>;
  /** Validates a raw token for the bridge. */
  validate(raw: string, validateOptions?: ApiTokenValidateOptions): Promise<ApiTokenLookup>;
  /** Drops the cached tokens a revocation names (one hash, or every token of a user). */
  forgetRevoked(message: RevocationMessage): Promise<void>;
}

/** The cached form: the password hash never leaves the database. */
const cacheable = (found: ApiTokenRecord | null): ApiTokenRecord | null =>
  found && !found.user.isBanned ? { ...found, user: { ...found.user, passwordHash: null } } : null;

/**
 * Creates the {@link ApiTokenService}.
 */
export function createApiTokenService(options: ApiTokenServiceOptions): ApiTokenService {
  const { store, cache, revocations, clock } = options;
  const uses = createApiTokenUseWriter({ store, tasks: options.tasks });
  // When this process last wrote `last_used_at` per token id.
  const touched = new LRUCache<string, number>({ max: 100_000 });
  // The hashes this process cached per user, so a user revocation finds them after a deletion too.
  const cachedByUser = new LRUCache<string, Set<string>>({ max: 100_000 });

  const drop = (hashes: Iterable<string>): Promise<unknown> =>
    Promise.all([...hashes].map((hash) => cache.delete(hash)));

  const touch = (token: ApiTokenRecord, now: number): void => {
    const last = Math.max(token.lastUsedAt ?? 0, touched.get(token.id) ?? 0);
    if (now - last < API_TOKEN_TOUCH_INTERVAL_MS) return;
    touched.set(token.id, now);
    uses.record(token.id, now);
  };

  return {
    async create(userId, input) {
      if ((await store.countOfUser(userId)) >= options.maxPerUser) return null;
      const now = clock.now();
      const { secret, displayPrefix } = mintApiToken();
      const row = {
        userId,
        hash: sha256Hex(secret),
        name: input.name,
        displayPrefix,
        expiresAt: input.expiresAt,
      };
      const id = await store.insert({ ...row, now });
      return {
        secret,
        token: {
          id,
          name: input.name,
          displayPrefix,
          createdAt: now,
          expiresAt: input.expiresAt,
          lastUsedAt: null,
        },
      };
    },
    list(userId) {
      return store.listOfUser(userId);
    },
    async revoke(userId, id) {
      const hash = await store.deleteOwned(userId, id, clock.now());
      if (hash === null) return false;
      await cache.delete(hash);
      await revocations.publish({ type: 'session.revoked', session_hash: hash });
      return true;
    },
    async validate(raw, validateOptions = {}) {
      // The checksum turns away typos and most guesses without touching the cache or the database.
      if (!isWellFormedApiToken(raw)) return { ok: false, reason: 'malformed' };
      const hash = sha256Hex(raw);
      let loaded = false;
      let limited = false;
      const found = await cache.getOrSet(hash, async () => {
        loaded = true;
        if (validateOptions.admitLookup && !(await validateOptions.admitLookup())) {
          limited = true;
          return null; // not cached: the limit is the caller's, not the token's
        }
        return cacheable(await store.findByHash(hash));
      });
      if (limited) return { ok: false, reason: 'limited' };
      if (!found || found.user.isBanned) return { ok: false, reason: 'invalid' };
      const hashes = cachedByUser.get(found.userId) ?? new Set<string>();
      cachedByUser.set(found.userId, hashes.add(hash));
      const now = clock.now();
      if (found.expiresAt !== null && now >= found.expiresAt) return { ok: false, reason: 'expired' };
      touch(found, now);
      return { ok: true, token: found, cached: !loaded };
    },
    async forgetRevoked(message) {
      if (message.type === 'session.revoked') {
        await cache.delete(message.session_hash);
        return;
      }
      const hashes = new Set(cachedByUser.get(message.user_id));
      cachedByUser.delete(message.user_id);
      for (const hash of await store.hashesOfUser(message.user_id)) hashes.add(hash);
      await drop(hashes);
    },
  };
}
