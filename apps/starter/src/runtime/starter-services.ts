/**
 * @module Everything the starter's routes use, built once from the configuration: the database
 * (migrated), the session validator with its shared cache, trust tokens, the Flowless admin
 * client; and `close()`, which releases them in order.
 */
import { BridgeValidator, bridgeValidatorOptionsFromConfig, type CachedValidation } from 'flowfull/bridge';
import { createCacheRedisClient, HybridCache } from 'flowfull/cache';
import { createDatabase, runMigrations } from 'flowfull/db';
import {
  createDatabaseTokenStateStore,
  createTrustTokens,
  loadTrustTokenKeys,
  type TrustTokens,
} from 'flowfull/tokens';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StarterConfig } from '../config.js';
import { ItemRepository } from '../items/item-repository.js';
import { STARTER_MIGRATION_TABLE, type StarterDatabase, starterMigrations } from '../items/item-table.js';
import { createFlowlessAdminClient, type FlowlessAdminClient } from './flowless-admin-client.js';

/** The starter's services. */
export interface StarterServices {
  readonly config: StarterConfig;
  readonly logger: Logger;
  readonly db: Awaited<ReturnType<typeof createDatabase<StarterDatabase>>>;
  readonly items: ItemRepository;
  readonly validator: BridgeValidator;
  readonly sessionCache: HybridCache<CachedValidation>;
  readonly redis: Redis | null;
  readonly tokens: TrustTokens;
  readonly flowlessAdmin: FlowlessAdminClient;
  /** Closes the validator, the cache, Redis and the database pool. */
  close(): Promise<void>;
}

/** Trust token audience of the starter's share links. */
export const SHARE_AUDIENCE = 'flowfull-starter';

/**
 * Builds the services and runs the starter's migrations.
 */
export async function createStarterServices(config: StarterConfig, logger: Logger): Promise<StarterServices> {
  const db = await createDatabase<StarterDatabase>(config);
  try {
    await runMigrations(db, starterMigrations, { tableName: STARTER_MIGRATION_TABLE });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const redis = config.REDIS_URL === null ? null : createCacheRedisClient(config.REDIS_URL);
  const sessionCache = new HybridCache<CachedValidation>({
    cacheType: 'bridgeSession',
    ttl: Math.max(1, config.CACHE_TTL_MS / 1000),
    maxSize: 10_000,
    keyPrefix: 'flowfull:bridge:session:',
    redis: config.CACHE_ENABLED ? redis : null,
    jitter: 0,
    logger,
  });
  // The validator's revocation subscriber is a connection of its own, duplicated from this client.
  const validator = new BridgeValidator(
    bridgeValidatorOptionsFromConfig(config, { logger, cache: sessionCache, redis }),
  );
  const keys = await loadTrustTokenKeys(config, { logger });
  const tokens = createTrustTokens({
    keys,
    store: createDatabaseTokenStateStore({ db }),
    audience: SHARE_AUDIENCE,
    issuer: SHARE_AUDIENCE,
  });
  await Promise.all([validator.ready(), sessionCache.ready()]);
  return {
    config,
    logger,
    db,
    items: new ItemRepository(db),
    validator,
    sessionCache,
    redis,
    tokens,
    flowlessAdmin: createFlowlessAdminClient({
      flowlessApiUrl: config.FLOWLESS_API_URL,
      timeoutMs: config.BRIDGE_TIMEOUT_MS,
    }),
    async close() {
      await validator.close();
      await sessionCache.close();
      redis?.disconnect();
      await db.destroy();
    },
  };
}
