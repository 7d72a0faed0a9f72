/**
 * @module `loadConfig`: parses the environment once, at the application's edge, into a frozen,
 * fully resolved configuration object. Reading, parsing, cross-checks and mapping each live in
 * their own module; this one puts them in order and reports every problem in one error.
 */
import { checkDatabase } from './cross-checks.js';
import type { ConfigSection, EnvVariable, SectionValues } from './env-variable.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import type { DatabaseSettings, EnvSource, FlowfullConfig } from './flowfull-config.js';
import { toDatabaseSettings, toFlowfullConfig } from './map-config.js';
import { parseVariables } from './parse-variables.js';
import { type RawDefaults, readSource } from './read-source.js';
import { databaseVariables, flowfullVariables } from './variables.js';

export type { ConfigSection, SectionValues } from './env-variable.js';
export type { DatabaseSettings, EnvSource, FlowfullConfig } from './flowfull-config.js';
export type { RawDefaults } from './read-source.js';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions<S extends ConfigSection = Record<never, EnvVariable>> {
  /** More variables (a package's own section), validated together with flowfull's. */
  extend?: S;
  /** Folder whose `.env` file is read if present; variables already set win. @default process.cwd() */
  cwd?: string;
  /** Read `<cwd>/.env`. @default true */
  dotenv?: boolean;
  /**
   * Raw values for variables that neither the environment nor `.env` sets (or sets empty),
   * computed from what they do set and the working directory: an application's own defaults,
   * such as a database file under `DATA_DIR`. @default none
   */
  defaults?: RawDefaults;
  /**
   * Checks across variables, run once every variable parsed; the problems it returns are reported
   * in the same single error. @default none
   */
  refine?: (values: Readonly<Record<string, unknown>>) => readonly ConfigProblem[];
}

/** One {@link ConfigError} listing `problems` once each, in the order of `variables`. */
function configError(problems: readonly ConfigProblem[], variables: ConfigSection): ConfigError {
  const order = Object.keys(variables);
  const unique = problems.filter(
    (problem, index) =>
      problems.findIndex(
        (other) => other.variable === problem.variable && other.message === problem.message,
      ) === index,
  );
  return new ConfigError(unique.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable)));
}

/**
 * Parses and validates the configuration. Throws one {@link ConfigError} listing every problem.
 * Secret values never appear in its message.
 *
 * @example
 * ```ts
 * const config = loadConfig(); // process.env, plus ./.env if present
 * const db = await createDatabase(config);
 * ```
 */
export function loadConfig<S extends ConfigSection = Record<never, EnvVariable>>(
  env: EnvSource = process.env,
  options: LoadConfigOptions<S> = {},
): FlowfullConfig & SectionValues<S> {
  const cwd = options.cwd ?? process.cwd();
  const source = readSource(env, { cwd, dotenv: options.dotenv, defaults: options.defaults });
  // A section may redeclare a flowfull variable (a different default): it is parsed with the
  // section's declaration in both passes, and its problem reported once.
  const core: typeof flowfullVariables = { ...flowfullVariables, ...options.extend };
  const parsed = parseVariables(source, core);
  const own = parseVariables(source, options.extend);
  const database = checkDatabase(parsed.values, source);
  const problems = [...parsed.problems, ...own.problems, ...database.problems];
  if (problems.length === 0 && options.refine) {
    problems.push(...options.refine(Object.freeze({ ...parsed.values, ...own.values })));
  }
  const { databaseType } = database;
  if (problems.length > 0 || !parsed.ok || !own.ok || databaseType === undefined) {
    throw configError(problems, core);
  }
  return Object.freeze({ ...own.values, ...toFlowfullConfig(parsed.values, databaseType, cwd) });
}

/**
 * Parses only the database variables (`DATABASE_*`, `LIBSQL_AUTH_TOKEN`): for tools such as
 * `npm run migrate` that need nothing else. Same rules and errors as {@link loadConfig}.
 *
 * @example
 * ```ts
 * const db = await createDatabase(loadDatabaseConfig(process.env));
 * ```
 */
export function loadDatabaseConfig(
  env: EnvSource = process.env,
  options: Omit<LoadConfigOptions, 'extend' | 'refine'> = {},
): DatabaseSettings {
  const cwd = options.cwd ?? process.cwd();
  const source = readSource(env, { cwd, dotenv: options.dotenv, defaults: options.defaults });
  const parsed = parseVariables(source, databaseVariables);
  const database = checkDatabase(parsed.values, source);
  const problems = [...parsed.problems, ...database.problems];
  const { databaseType } = database;
  if (problems.length > 0 || !parsed.ok || databaseType === undefined) {
    throw configError(problems, databaseVariables);
  }
  return Object.freeze(toDatabaseSettings(parsed.values, databaseType));
}
