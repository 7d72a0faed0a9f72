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
export type { ConfigSection, EnvVariable, SectionValues } from './env-variable.js';
export { defaultOf, envVariable } from './env-variable.js';
export type { ConfigErrorCode, ConfigProblem } from './errors.js';
export { ConfigError } from './errors.js';
export type { DatabaseSettings, EnvSource, FlowfullConfig } from './flowfull-config.js';
export type { LoadConfigOptions } from './load-config.js';
export { loadConfig, loadDatabaseConfig } from './load-config.js';
export type { ExitHooks } from './load-config-or-exit.js';
export { loadConfigOrExit } from './load-config-or-exit.js';
export type { RawDefaults } from './read-source.js';
export { flowfullVariables, LOG_LEVELS, NODE_ENVS, VALIDATION_MODES } from './variables.js';
