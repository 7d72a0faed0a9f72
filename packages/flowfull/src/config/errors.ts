/**
 * @module Errors of the configuration concept.
 */
import { FlowfullError } from '../errors.js';

/** One problem with one environment variable. */
export interface ConfigProblem {
  /** The environment variable, e.g. `DATABASE_URL`. */
  readonly variable: string;
  /** What is wrong, never echoing a secret value. */
  readonly message: string;
}

/** Stable codes of configuration errors. */
export type ConfigErrorCode = 'ERR_CONFIG_INVALID';

/**
 * The configuration is invalid. `message` lists every problem, one variable per line.
 *
 * @example
 * ```ts
 * try { loadConfig(env); } catch (e) { if (e instanceof ConfigError) e.problems.map((p) => p.variable); }
 * ```
 */
export class ConfigError extends FlowfullError<ConfigErrorCode> {
  /** Every problem found, in variable order. */
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((problem) => `  - ${problem.variable}: ${problem.message}`);
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('ERR_CONFIG_INVALID', `Invalid configuration (${count}):\n${lines.join('\n')}`);
    this.problems = Object.freeze([...problems]);
  }
}
