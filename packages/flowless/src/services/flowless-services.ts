/**
 * @module Wires the Flowless services from injected dependencies: database, Redis, clock, logger,
 * mailer, hasher. Routes receive this bundle; nothing else is global.
 */

import { type Logger, silentLogger } from 'flowfull/server';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { ApiTokenCache } from '../api-tokens/api-token-cache.js';
import type { ApiTokenService } from '../api-tokens/api-token-service.js';
import { apiTokensFromConfig } from '../api-tokens/api-tokens-from-config.js';
import { type AuditServices, createAuditServices } from '../audit/audit-services.js';
import { createOneTimeTokenStore, type OneTimeTokenStore } from '../auth-tokens/one-time-token-store.js';
import type { FlowlessConfig } from '../config/flowless-config.js';
import type { FlowlessDatabase } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { mailerFromConfig } from '../mail/mailer-from-config.js';
import { createPasswordHasher, type PasswordHasher } from '../passwords/password-hasher.js';
import type { PictureStorage } from '../pictures/picture-storage.js';
import { picturesFromConfig } from '../pictures/pictures-from-config.js';
import type { CounterBackend } from '../rate-limit/counter-store.js';
import { createRegistrationService, type RegistrationService } from '../registration/registration-service.js';
import { createRegistrationStore } from '../registration/registration-store.js';
import { RevocationFeed } from '../revocations/revocation-feed.js';
import { createRevocationLog } from '../revocations/revocation-log.js';
import { type BackgroundTasks, createBackgroundTasks } from '../runtime/background-tasks.js';
import { type Clock, systemClock } from '../runtime/clock.js';
import {
  createRedisRevocationPublisher,
  noRevocationPublisher,
  type RevocationPublisher,
} from '../sessions/revocation-publisher.js';
import { createSessionCache, type SessionCache } from '../sessions/session-cache.js';
import { createSessionService, type SessionService } from '../sessions/session-service.js';
import { createSessionStore } from '../sessions/session-store.js';
import type { SmsSender } from '../sms/sms-sender.js';
import { createPasskeyService, type PasskeyService } from '../two-factor/passkeys/passkey-service.js';
import { createPasskeyStore } from '../two-factor/passkeys/passkey-store.js';
import { createTwoFactorKeys } from '../two-factor/two-factor-keys.js';
import { createTwoFactorService, type TwoFactorService } from '../two-factor/two-factor-service.js';
import { createTwoFactorStore } from '../two-factor/two-factor-store.js';
import { createUserRepository, type UserRepository } from '../users/user-repository.js';
import { createFlowlessLimits, type FlowlessLimits } from './flowless-limits.js';

export type { LimitedRoute } from './flowless-limits.js';

/** What {@link createFlowlessServices} needs; everything but config and db has a default. */
export interface FlowlessDeps {
  config: FlowlessConfig;
  db: Kysely<FlowlessDatabase>;
  /**
   * Shared Redis: rate-limit counters, the session cache's second tier and its invalidations, and
   * the revocation channel. @default null (memory, one instance)
   */
  redis?: Redis | null;
  /** @default systemClock */
  clock?: Clock;
  /** @default silentLogger */
  logger?: Logger;
  /** @default SMTP when SMTP_URL is set, else the outbox under DATA_DIR */
  mailer?: Mailer;
  /** @default Argon2id m=19456 t=2 p=1 */
  hasher?: PasswordHasher;
  /**
   * Told of every committed revocation (the outbox row is already written): the local feed is
   * poked, and this publisher runs too. @default `publishRevocation` on REVOCATION_CHANNEL when
   * `redis` is given, else none
   */
  revocations?: RevocationPublisher;
  /** @default a HybridCache (memory, plus `redis` when CACHE_ENABLED) with CACHE_TTL_MS */
  sessionCache?: SessionCache;
  /** Prefix of every rate-limit key (distinct per deployment or test). @default 'flowless' */
  keyPrefix?: string;
  /** Sends texted second-factor codes; without it the `sms` method is unavailable. @default null */
  sms?: SmsSender | null;
  /** Where profile pictures are kept. @default S3 when PICTURE_S3_BUCKET is set, else the folder `<DATA_DIR>/pictures` */
  pictures?: PictureStorage;
}

/** Everything a route can use (the audit log is `audit`, the overview counters `activity`). */
export interface FlowlessServices extends Readonly<AuditServices> {
  readonly config: FlowlessConfig;
  readonly db: Kysely<FlowlessDatabase>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly mailer: Mailer;
  readonly hasher: PasswordHasher;
  readonly tasks: BackgroundTasks;
  /** The validated-session cache (closed by the app's `close`). */
  readonly sessionCache: SessionCache;
  readonly users: UserRepository;
  readonly sessions: SessionService;
  readonly tokens: OneTimeTokenStore;
  /** Personal API tokens (machine access through the bridge). */
  readonly apiTokens: ApiTokenService;
  /** The validated-token cache (closed by the app's `close`). */
  readonly apiTokenCache: ApiTokenCache;
  /** Second factors: methods, setup, codes, backup codes. */
  readonly twoFactor: TwoFactorService;
  /** Passkeys (WebAuthn): registration, second factor, passwordless sign-in. */
  readonly passkeys: PasskeyService;
  /** Profile pictures. */
  readonly pictures: PictureStorage;
  /** Tails `revocation_events` for the feed route (started and closed by the app). */
  readonly revocationFeed: RevocationFeed;
  readonly limits: FlowlessLimits;
  /** Creates accounts: self-registration and creation by an admin. */
  readonly registration: RegistrationService;
}

/** The session cache (the given one, or memory plus Redis when CACHE_ENABLED) and the session service. */
function createSessions(
  deps: FlowlessDeps,
  parts: {
    clock: Clock;
    logger: Logger;
    tasks: BackgroundTasks;
    revocations: RevocationPublisher;
    prefix: string;
  },
): { sessionCache: SessionCache; sessions: SessionService } {
  const { config, db } = deps;
  const { clock, logger, tasks, revocations, prefix } = parts;
  const now = () => clock.now();
  const sessionCache =
    deps.sessionCache ??
    createSessionCache({
      redis: config.CACHE_ENABLED ? (deps.redis ?? null) : null,
      ttlMs: config.CACHE_TTL_MS,
      keyPrefix: `${prefix}:sessions:`,
      now,
      logger,
    });
  const sessions = createSessionService({
    store: createSessionStore(db),
    cache: sessionCache,
    revocations,
    clock,
    tasks,
    absoluteLifetimeMs: config.SESSION_ABSOLUTE_LIFETIME_MS,
    idleTimeoutMs: config.SESSION_IDLE_TIMEOUT_MS,
    touchIntervalMs: config.SESSION_TOUCH_INTERVAL_MS,
    pendingLifetimeMs: config.TWO_FACTOR_PENDING_TTL_MS,
  });
  return { sessionCache, sessions };
}

/**
 * Builds the {@link FlowlessServices}.
 */
export function createFlowlessServices(deps: FlowlessDeps): FlowlessServices {
  const { config, db } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const now = () => clock.now();
  const tasks = createBackgroundTasks(logger);
  const mailer = deps.mailer ?? mailerFromConfig(config, logger, now);
  const revocationFeed = new RevocationFeed({
    log: createRevocationLog(db),
    pollMs: config.REVOCATION_FEED_POLL_MS,
    retentionMs: config.REVOCATION_RETENTION_MS,
    now,
    logger,
  });
  const publisher =
    deps.revocations ??
    (deps.redis
      ? createRedisRevocationPublisher({ redis: deps.redis, channel: config.REVOCATION_CHANNEL, logger })
      : noRevocationPublisher);
  const revocations: RevocationPublisher = {
    async publish(message) {
      // A user's revocation (ban, deletion, profile change) reaches the user's cached tokens too.
      if (message.type === 'user.sessions_revoked') await apiTokens.forgetRevoked(message);
      await Promise.all([revocationFeed.poke(), publisher.publish(message)]);
    },
  };
  const backend: CounterBackend = deps.redis ?? 'memory';
  const prefix = deps.keyPrefix ?? 'flowless';
  const redis = deps.redis ?? null;
  const tokenDeps = { config, db, redis, keyPrefix: prefix, clock, logger, tasks, revocations, backend };
  const { apiTokens, apiTokenCache, refusals } = apiTokensFromConfig(tokenDeps);
  const hasher = deps.hasher ?? createPasswordHasher();
  const users = createUserRepository(db, now);
  const { sessionCache, sessions } = createSessions(deps, { clock, logger, tasks, revocations, prefix });
  // Without a shared cache, instances hear each other's revocations on the feed's tail.
  const sharedCache = deps.sessionCache === undefined && config.CACHE_ENABLED && Boolean(deps.redis);
  if (!sharedCache) {
    revocationFeed.subscribe((event) => {
      tasks.run('session.forget_revoked', () => sessions.forgetRevoked(event.message));
      tasks.run('api_token.forget_revoked', () => apiTokens.forgetRevoked(event.message));
    });
  }
  const passkeys = createPasskeyService({ config, store: createPasskeyStore(db), clock, logger });
  return {
    ...createAuditServices({ db, clock, logger, sessionCache }),
    config,
    db,
    clock,
    logger,
    mailer,
    tasks,
    sessionCache,
    hasher,
    users,
    tokens: createOneTimeTokenStore(db, clock),
    apiTokens,
    apiTokenCache,
    twoFactor: createTwoFactorService({
      config,
      store: createTwoFactorStore(db),
      // The bridge secret stands in when no separate key is set; HKDF keeps the derived keys apart.
      keys: createTwoFactorKeys(config.TWO_FACTOR_BACKUP_SECRET ?? config.BRIDGE_VALIDATION_SECRET),
      clock,
      mailer,
      sms: deps.sms ?? null,
      tasks,
      passkeys,
    }),
    passkeys,
    pictures: deps.pictures ?? picturesFromConfig(config),
    revocationFeed,
    sessions,
    limits: createFlowlessLimits({
      config,
      db,
      redis,
      backend,
      keyPrefix: prefix,
      now,
      apiTokenRefusals: refusals,
    }),
    registration: createRegistrationService({
      store: createRegistrationStore(users),
      hasher,
      clock,
      defaultUserType: config.DEFAULT_USER_TYPE,
    }),
  };
}
