/**
 * @module Builds {@link BridgeValidatorOptions} from the loaded configuration's keys.
 */
import { type ValidationModeConfig, validationModeOptionsFromConfig } from '../validation/from-config.js';
import type { BridgeValidatorOptions } from './bridge-validator.js';

/** The configuration keys the bridge reads (a subset of `FlowfullConfig`). */
export interface BridgeConfig extends ValidationModeConfig {
  readonly FLOWLESS_API_URL: string;
  readonly BRIDGE_VALIDATION_SECRET: string;
  readonly BRIDGE_TIMEOUT_MS: number;
  readonly BRIDGE_RETRY_ATTEMPTS: number;
  readonly BRIDGE_GRACE_PERIOD_MS: number;
  readonly BRIDGE_NEGATIVE_CACHE_TTL_MS: number;
  readonly CACHE_TTL_MS: number;
  readonly REDIS_URL: string | null;
  readonly BRIDGE_REVOCATION_SOURCE: 'auto' | 'redis' | 'feed' | 'off';
}

/**
 * Options for `new BridgeValidator(...)` from the loaded configuration; `overrides` (a logger, a
 * shared cache, a fetch) win over the configuration.
 *
 * @example
 * ```ts
 * const validator = new BridgeValidator(bridgeValidatorOptionsFromConfig(loadConfig(), { logger }));
 * ```
 */
export function bridgeValidatorOptionsFromConfig(
  config: BridgeConfig,
  overrides: Partial<BridgeValidatorOptions> = {},
): BridgeValidatorOptions {
  return {
    flowlessApiUrl: config.FLOWLESS_API_URL,
    validationSecret: config.BRIDGE_VALIDATION_SECRET,
    timeout: config.BRIDGE_TIMEOUT_MS,
    retryAttempts: config.BRIDGE_RETRY_ATTEMPTS,
    gracePeriod: config.BRIDGE_GRACE_PERIOD_MS,
    negativeCacheTtl: config.BRIDGE_NEGATIVE_CACHE_TTL_MS,
    cacheTtl: config.CACHE_TTL_MS / 1000,
    redis: config.REDIS_URL,
    revocationSource: config.BRIDGE_REVOCATION_SOURCE,
    validationMode: validationModeOptionsFromConfig(
      config,
      overrides.logger === undefined ? {} : { logger: overrides.logger },
    ),
    ...overrides,
  };
}
