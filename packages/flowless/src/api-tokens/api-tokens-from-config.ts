/**
 * @module Wires the API token service and its cache from the Flowless configuration, the way the
 * session service is wired: the cache shares Redis when `CACHE_ENABLED`, with the same TTL.
 */
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { FlowlessConfig } from '../config/flowless-config.js';
import type { FlowlessDatabase } from '../db/schema.js';
import { type AccountLock, createAccountLock } from '../rate-limit/account-lock.js';
import type { CounterBackend } from '../rate-limit/counter-store.js';
import type { BackgroundTasks } from '../runtime/background-tasks.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { RevocationPublisher } from '../sessions/revocation-publisher.js';
import { type ApiTokenCache, createApiTokenCache } from './api-token-cache.js';
import { type ApiTokenService, createApiTokenService } from './api-token-service.js';
import { createApiTokenStore } from './api-token-store.js';

/** What {@link apiTokensFromConfig} needs. */
export interface ApiTokenDeps {
  config: FlowlessConfig;
  db: Kysely<FlowlessDatabase>;
  redis: Redis | null;
  /** Prefix of the cache's Redis keys. */
  keyPrefix: string;
  clock: Clock;
  logger: Logger;
  tasks: BackgroundTasks;
  revocations: RevocationPublisher;
  /** Where the per-IP refusal counters live. */
  backend: CounterBackend;
}

/**
 * The API token service, its cache (which the app closes) and the per-IP count of refused tokens
 * (`RATE_LIMIT_API_TOKEN_REFUSALS_MAX` in `RATE_LIMIT_WINDOW_MS`).
 */
export function apiTokensFromConfig(deps: ApiTokenDeps): {
  apiTokens: ApiTokenService;
  apiTokenCache: ApiTokenCache;
  refusals: AccountLock;
} {
  const { config, clock } = deps;
  const apiTokenCache = createApiTokenCache({
    redis: config.CACHE_ENABLED ? deps.redis : null,
    ttlMs: config.CACHE_TTL_MS,
    keyPrefix: `${deps.keyPrefix}:api_tokens:`,
    now: () => clock.now(),
    logger: deps.logger,
  });
  const apiTokens = createApiTokenService({
    store: createApiTokenStore(deps.db),
    cache: apiTokenCache,
    revocations: deps.revocations,
    clock,
    tasks: deps.tasks,
    maxPerUser: config.API_TOKEN_MAX_PER_USER,
  });
  const refusals = createAccountLock({
    backend: deps.backend,
    keyPrefix: `${deps.keyPrefix}:api_token_refusals`,
    maxFailures: config.RATE_LIMIT_API_TOKEN_REFUSALS_MAX,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    lockMs: config.RATE_LIMIT_WINDOW_MS,
    now: () => clock.now(),
  });
  return { apiTokens, apiTokenCache, refusals };
}
