/**
 * @module `loadConfig`: parses the environment once, at the application's edge, into a frozen,
 * fully resolved configuration object.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { type DatabaseType, detectDatabaseType } from '../db/database-type.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import type { EnvVariable } from './variables.js';
import { flowfullVariables, type LOG_LEVELS, type NODE_ENVS, type VALIDATION_MODES } from './variables.js';

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
}

function readDotenv(cwd: string): Record<string, string> {
  const path = join(cwd, '.env');
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

function problemsOf(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(root)'),
    message: issue.message,
  }));
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
  const source = { ...(options.dotenv === false ? {} : readDotenv(cwd)), ...env };
  const variables: ConfigSection = { ...flowfullVariables, ...options.extend };
  const shape = Object.fromEntries(Object.entries(variables).map(([name, { schema }]) => [name, schema]));
  const result = z.object(shape).safeParse(source);
  const problems = result.success ? [] : problemsOf(result.error);
  const values: Record<string, unknown> = result.success ? { ...result.data } : {};

  // Detected from the raw value so that a bad URL is reported even when other variables fail too.
  let databaseType: DatabaseType | undefined;
  const databaseUrl = source.DATABASE_URL?.trim();
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
  if (problems.length > 0) {
    const order = Object.keys(variables);
    problems.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));
    throw new ConfigError(problems);
  }

  const { CACHE_TTL, DATABASE_SSL, DATA_DIR, ...rest } = values;
  return Object.freeze({
    ...rest,
    DATA_DIR: resolve(cwd, DATA_DIR as string),
    DATABASE_TYPE: databaseType,
    DATABASE_SSL:
      DATABASE_SSL === 'true' || DATABASE_SSL === '1'
        ? 'verify'
        : DATABASE_SSL === 'no-verify'
          ? 'no-verify'
          : false,
    CACHE_TTL_MS: CACHE_TTL,
  }) as unknown as FlowfullConfig & SectionValues<S>;
}
