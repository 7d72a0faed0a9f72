/**
 * @module Wires the API token service and its cache from the Flowless configuration, the way the
 * session service is wired: the cache shares Redis when `CACHE_ENABLED`, with the same TTL.
 */
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { FlowlessConfig } from '../config/flowless-config.js';
import type { FlowlessDatabase } from '../db/schema.js';
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
}

/**
 * The API token service and its cache (which the app closes).
 *
 * @example
 * ```ts
 * const { apiTokens, apiTokenCache } = apiTokensFromConfig({ config, db, redis, keyPrefix, clock, logger, tasks, revocations });
 * ```
 */
export function apiTokensFromConfig(deps: ApiTokenDeps): {
  apiTokens: ApiTokenService;
  apiTokenCache: ApiTokenCache;
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
  return { apiTokens, apiTokenCache };
}
