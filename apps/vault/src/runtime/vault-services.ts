/**
 * @module Everything the vault service uses, built once from the configuration: the migrated
 * database, the master keys, the vault, and a session validator whose revocations bump the users'
 * token revisions; `close()` releases them in order.
 */
import { BridgeValidator, bridgeValidatorOptionsFromConfig } from 'flowfull/bridge';
import { createCacheRedisClient } from 'flowfull/cache';
import { createDatabase, runMigrations } from 'flowfull/db';
import {
  applyFlowlessRevocation,
  createSessionVault,
  loadMasterKey,
  type MasterKey,
  parseMasterKey,
  type SessionVault,
  VAULT_MIGRATION_TABLE,
  type VaultDatabase,
  vaultMigrations,
} from 'flowfull/vault';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { VaultConfig } from '../config.js';

/** The vault's Kysely instance (typed through flowfull, whose Kysely it is). */
export type VaultDb = SessionVault['db'];

/** The vault service's parts. */
export interface VaultServices {
  readonly config: VaultConfig;
  readonly logger: Logger;
  readonly db: VaultDb;
  readonly vault: SessionVault;
  readonly validator: BridgeValidator;
  readonly redis: Redis | null;
  close(): Promise<void>;
}

/**
 * The master keys of the configuration: the current one first, then the previous ones.
 */
export async function masterKeysOf(config: VaultConfig): Promise<[MasterKey, ...MasterKey[]]> {
  const current = await loadMasterKey(config);
  const previous = config.VAULT_PREVIOUS_MASTER_KEYS.map((key, i) =>
    parseMasterKey(key, `VAULT_PREVIOUS_MASTER_KEYS[${i}]`),
  );
  return [current, ...previous];
}

/** Opens the vault's database and runs its migrations. */
export async function openVaultDatabase(config: VaultConfig): Promise<VaultDb> {
  const db: VaultDb = await createDatabase<VaultDatabase>(config);
  try {
    await runMigrations(db, vaultMigrations, { tableName: VAULT_MIGRATION_TABLE });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * Builds the services.
 */
export async function createVaultServices(config: VaultConfig, logger: Logger): Promise<VaultServices> {
  const masterKeys = await masterKeysOf(config);
  const db = await openVaultDatabase(config);
  const redis = config.REDIS_URL === null ? null : createCacheRedisClient(config.REDIS_URL);
  const validator = new BridgeValidator({
    ...bridgeValidatorOptionsFromConfig(config, { logger, redis }),
    onRevocation: async (message) => {
      const users = await applyFlowlessRevocation(db, message);
      if (users > 0) logger.info({ type: message.type, users }, 'vault tokens revoked by Flowless');
    },
  });
  await validator.ready();
  const vault = createSessionVault({
    db,
    masterKeys,
    accessLog: {
      onError: (error, rows) =>
        logger.error({ err: error, rows }, 'vault access log write failed; rows kept'),
    },
  });
  return {
    config,
    logger,
    db,
    vault,
    validator,
    redis,
    async close() {
      await vault.close();
      await validator.close();
      redis?.disconnect();
      await db.destroy();
    },
  };
}
