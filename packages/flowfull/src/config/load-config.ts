/**
 * @module `loadConfig`: parses the environment once, at the application's edge, into a frozen,
 * fully resolved configuration object.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { z } from 'zod';
import { type DatabaseType, detectDatabaseType } from '../db/database-type.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import type { EnvVariable } from './variables.js';
import {
  flowfullVariables,
  type LOG_LEVELS,
  type NODE_ENVS,
  type REVOCATION_SOURCES,
  type VALIDATION_MODES,
} from './variables.js';

/** Where variables come from: `process.env` or any record of strings. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** The resolved configuration: keyed by variable name, values parsed, durations in ms. */
export interface FlowfullConfig {
  readonly PORT: number;
  readonly HOST: string;
  readonly NODE_ENV: (typeof NODE_ENVS)[number];
  readonly LOG_LEVEL: (typeof LOG_LEVELS)[number];
  /** Absolute path. */
  readonly DATA_DIR: string;
  readonly DATABASE_URL: string;
  /** Detected from `DATABASE_URL`. */
  readonly DATABASE_TYPE: DatabaseType;
  readonly DATABASE_POOL_MIN: number;
  readonly DATABASE_POOL_MAX: number;
  /** `false` (off), `'verify'` (TLS, certificates verified) or `'no-verify'`. */
  readonly DATABASE_SSL: false | 'verify' | 'no-verify';
  readonly DATABASE_CONNECT_TIMEOUT_MS: number;
  readonly LIBSQL_AUTH_TOKEN: string | null;
  /** Without a trailing slash. */
  readonly FLOWLESS_API_URL: string;
  readonly BRIDGE_VALIDATION_SECRET: string;
  readonly BRIDGE_TIMEOUT_MS: number;
  readonly BRIDGE_RETRY_ATTEMPTS: number;
  readonly BRIDGE_GRACE_PERIOD_MS: number;
  readonly BRIDGE_NEGATIVE_CACHE_TTL_MS: number;
  readonly BRIDGE_REVOCATION_SOURCE: (typeof REVOCATION_SOURCES)[number];
  readonly AUTH_VALIDATION_MODE: (typeof VALIDATION_MODES)[number];
  readonly AUTH_ENABLE_VALIDATION_MODE: boolean;
  readonly AUTH_IP_VALIDATION: boolean;
  readonly AUTH_USER_AGENT_VALIDATION: boolean;
  readonly AUTH_DEVICE_VALIDATION: boolean;
  readonly AUTH_AUTO_INVALIDATE: boolean;
  readonly AUTH_LOG_VIOLATIONS: boolean;
  readonly AUTH_SESSION_FROM_QUERY: boolean;
  readonly TRUSTED_PROXIES: readonly string[];
  readonly CACHE_ENABLED: boolean;
  readonly REDIS_URL: string | null;
  /** `CACHE_TTL` (seconds in the environment) in ms. */
  readonly CACHE_TTL_MS: number;
  readonly TRUST_TOKEN_SECRET_KEY: string | null;
  readonly TRUST_TOKEN_PUBLIC_KEYS: readonly string[];
  readonly TRUST_TOKEN_LOCAL_KEY: string | null;
}

/** A package's own section: more variables, parsed alongside flowfull's. */
export type ConfigSection = Readonly<Record<string, EnvVariable>>;

/** The parsed values of a section. */
export type SectionValues<S extends ConfigSection> = {
  readonly [K in keyof S]: S[K] extends EnvVariable<infer T> ? T : never;
};

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

/** Computes raw default values from the merged environment and the working directory. */
export type RawDefaults = (source: EnvSource, cwd: string) => Readonly<Record<string, string>>;

function readDotenv(cwd: string): Record<string, string> {
  const path = join(cwd, '.env');
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

function withDefaults(merged: EnvSource, cwd: string, defaults: RawDefaults | undefined): EnvSource {
  if (defaults === undefined) return merged;
  const filled: Record<string, string | undefined> = { ...merged };
  for (const [name, value] of Object.entries(defaults(merged, cwd))) {
    if (!filled[name]?.trim()) filled[name] = value;
  }
  return filled;
}

function messageOf(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'is invalid';
}

/** The database keys of {@link FlowfullConfig}, as {@link loadDatabaseConfig} resolves them. */
export type DatabaseSettings = Pick<
  FlowfullConfig,
  | 'DATABASE_URL'
  | 'DATABASE_TYPE'
  | 'DATABASE_POOL_MIN'
  | 'DATABASE_POOL_MAX'
  | 'DATABASE_SSL'
  | 'DATABASE_CONNECT_TIMEOUT_MS'
  | 'LIBSQL_AUTH_TOKEN'
>;

const DATABASE_KEYS = [
  'DATABASE_URL',
  'DATABASE_POOL_MIN',
  'DATABASE_POOL_MAX',
  'DATABASE_SSL',
  'DATABASE_CONNECT_TIMEOUT_MS',
  'LIBSQL_AUTH_TOKEN',
] as const;

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
  const variables: ConfigSection = { ...flowfullVariables, ...options.extend };
  return resolveVariables(env, variables, options) as unknown as FlowfullConfig & SectionValues<S>;
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
  const variables = Object.fromEntries(DATABASE_KEYS.map((name) => [name, flowfullVariables[name]]));
  return resolveVariables(env, variables, options) as unknown as DatabaseSettings;
}

function resolveVariables(
  env: EnvSource,
  variables: ConfigSection,
  options: LoadConfigOptions<ConfigSection>,
): Readonly<Record<string, unknown>> {
  const cwd = options.cwd ?? process.cwd();
  const source = withDefaults(
    { ...(options.dotenv === false ? {} : readDotenv(cwd)), ...env },
    cwd,
    options.defaults,
  );
  const problems: ConfigProblem[] = [];
  const values: Record<string, unknown> = {};
  // Each variable on its own, so that one failure does not hide the checks that need another.
  for (const [name, { schema }] of Object.entries(variables)) {
    const result = schema.safeParse(source[name]);
    if (result.success) values[name] = result.data;
    else problems.push({ variable: name, message: messageOf(result.error) });
  }

  // Detected from the raw value so that a bad URL is reported even when other variables fail too.
  let databaseType: DatabaseType | undefined;
  const databaseUrl = typeof values.DATABASE_URL === 'string' ? values.DATABASE_URL.trim() : '';
  if (databaseUrl) {
    try {
      databaseType = detectDatabaseType(databaseUrl, {
        libsqlAuthToken: source.LIBSQL_AUTH_TOKEN?.trim() || null,
      });
    } catch (error) {
      problems.push({ variable: 'DATABASE_URL', message: (error as Error).message });
    }
  }
  const poolMin = values.DATABASE_POOL_MIN as number | undefined;
  const poolMax = values.DATABASE_POOL_MAX as number | undefined;
  if (poolMin !== undefined && poolMax !== undefined && poolMin > poolMax) {
    problems.push({
      variable: 'DATABASE_POOL_MIN',
      message: `must not exceed DATABASE_POOL_MAX (${poolMax})`,
    });
  }
  if (problems.length === 0 && options.refine) problems.push(...options.refine(Object.freeze({ ...values })));
  if (problems.length > 0) {
    const order = Object.keys(variables);
    problems.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));
    throw new ConfigError(problems);
  }

  const { CACHE_TTL, DATABASE_SSL, DATA_DIR, ...rest } = values;
  const resolved: Record<string, unknown> = { ...rest };
  if (databaseType !== undefined) resolved.DATABASE_TYPE = databaseType;
  if (DATA_DIR !== undefined) resolved.DATA_DIR = resolve(cwd, DATA_DIR as string);
  if (DATABASE_SSL !== undefined) {
    resolved.DATABASE_SSL =
      DATABASE_SSL === 'true' || DATABASE_SSL === '1'
        ? 'verify'
        : DATABASE_SSL === 'no-verify'
          ? 'no-verify'
          : false;
  }
  if (CACHE_TTL !== undefined) resolved.CACHE_TTL_MS = CACHE_TTL;
  return Object.freeze(resolved);
}
