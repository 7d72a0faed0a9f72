/**
 * @module `loadConfigOrExit`: the fail-fast entry for servers and CLIs.
 */
import { ConfigError } from './errors.js';
import {
  type ConfigSection,
  type EnvSource,
  type FlowfullConfig,
  type LoadConfigOptions,
  loadConfig,
  type SectionValues,
} from './load-config.js';

/** Where the one error message goes and how the process ends; injectable for tests. */
export interface ExitHooks {
  /** @default writes to process.stderr */
  write?: (text: string) => void;
  /** @default process.exit */
  exit?: (code: number) => never;
}

/**
 * {@link loadConfig}, but an invalid configuration writes ONE message listing every problem to
 * stderr and ends the process with exit code 1. Other errors are rethrown.
 *
 * @example
 * ```ts
 * const config = loadConfigOrExit(process.env);
 * ```
 */
export function loadConfigOrExit<S extends ConfigSection = Record<never, never>>(
  env: EnvSource = process.env,
  options: LoadConfigOptions<S> = {},
  hooks: ExitHooks = {},
): FlowfullConfig & SectionValues<S> {
  try {
    return loadConfig(env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    (hooks.write ?? ((text: string) => process.stderr.write(text)))(`${error.message}\n`);
    return (hooks.exit ?? ((code: number) => process.exit(code)))(1);
  }
}
