/**
 * @module flowfull/config: Environment Configuration (concept 7).
 */

export type { EnvIntegerOptions, EnvSchema, EnvStringOptions, PaserkKeyKind } from './env-schemas.js';
export {
  envBoolean,
  envCidrList,
  envEnum,
  envInteger,
  envList,
  envOptionalString,
  envOptionalUrl,
  envPaserk,
  envPaserkList,
  envSeconds,
  envString,
  envUrl,
} from './env-schemas.js';
export type { ConfigErrorCode, ConfigProblem } from './errors.js';
export { ConfigError } from './errors.js';
export type {
  ConfigSection,
  DatabaseSettings,
  EnvSource,
  FlowfullConfig,
  LoadConfigOptions,
  RawDefaults,
  SectionValues,
} from './load-config.js';
export { loadConfig, loadDatabaseConfig } from './load-config.js';
export type { ExitHooks } from './load-config-or-exit.js';
export { loadConfigOrExit } from './load-config-or-exit.js';
export type { EnvVariable } from './variables.js';
export { envVariable, flowfullVariables, LOG_LEVELS, NODE_ENVS, VALIDATION_MODES } from './variables.js';
