/**
 * @module Maps the `AUTH_*` keys of the loaded configuration to {@link ValidationModeOptions}.
 */

import type { Logger } from '../logger.js';
import type { ValidationModeName } from './types.js';
import type { ValidationModeOptions } from './validation-mode.js';

/** The configuration keys validation modes read (a subset of `FlowfullConfig`). */
export interface ValidationModeConfig {
  readonly AUTH_VALIDATION_MODE: ValidationModeName;
  readonly AUTH_ENABLE_VALIDATION_MODE: boolean;
  readonly AUTH_IP_VALIDATION: boolean;
  readonly AUTH_USER_AGENT_VALIDATION: boolean;
  readonly AUTH_DEVICE_VALIDATION: boolean;
  readonly AUTH_AUTO_INVALIDATE: boolean;
  readonly AUTH_LOG_VIOLATIONS: boolean;
}

/**
 * Options for `new ValidationMode(...)` from the loaded configuration.
 *
 * @example
 * ```ts
 * const modes = new ValidationMode(validationModeOptionsFromConfig(loadConfig(), { logger }));
 * ```
 */
export function validationModeOptionsFromConfig(
  config: ValidationModeConfig,
  extra: { logger?: Pick<Logger, 'warn'> } = {},
): ValidationModeOptions {
  return {
    mode: config.AUTH_VALIDATION_MODE,
    enabled: config.AUTH_ENABLE_VALIDATION_MODE,
    ipValidation: config.AUTH_IP_VALIDATION,
    userAgentValidation: config.AUTH_USER_AGENT_VALIDATION,
    deviceValidation: config.AUTH_DEVICE_VALIDATION,
    autoInvalidate: config.AUTH_AUTO_INVALIDATE,
    logViolations: config.AUTH_LOG_VIOLATIONS,
    ...(extra.logger === undefined ? {} : { logger: extra.logger }),
  };
}
