/**
 * @module `envVariable`: one declaration of an environment variable gives its parser, its type
 * (Zod's inferred output), its default and its row in the README's configuration reference.
 */
import { z } from 'zod';
import type { EnvSchema } from './env-schemas.js';

/** Describes one environment variable. */
export interface EnvVariable<T = unknown> {
  /** Reads the raw value; applies {@link EnvVariable.default} when the variable is unset or empty. */
  readonly schema: EnvSchema<T>;
  /** The default as written in the environment, or `undefined` when the variable is required/optional. */
  readonly default: string | undefined;
  /** Whether the value is a secret (never echoed, masked in tables). */
  readonly secret: boolean;
  /** One line for the configuration reference. */
  readonly description: string;
}

/** A package's own section: more variables, parsed alongside flowfull's. */
export type ConfigSection = Readonly<Record<string, EnvVariable>>;

/** The parsed values of a section: each variable's schema output, as Zod infers it. */
export type SectionValues<S extends ConfigSection> = {
  readonly [K in keyof S]: z.output<S[K]['schema']>;
};

/** `schema`, reading `fallback` where the variable is unset or empty (`FOO=` in a .env file). */
function withFallback<T>(schema: EnvSchema<T>, fallback: string): EnvSchema<T> {
  return z
    .string()
    .optional()
    .transform((value): string | undefined => (value === undefined || value === '' ? fallback : value))
    .pipe(schema);
}

/**
 * Declares one environment variable for a configuration section. `fallback` is the default, as
 * written in the environment: the parser reads it when the variable is unset, and the README
 * shows it.
 *
 * @example
 * ```ts
 * const section = {
 *   SMTP_URL: envVariable(envOptionalString(), undefined, 'SMTP server URL.', true),
 *   SMTP_POOL_SIZE: envVariable(envInteger({ min: 1 }), '5', 'Connections to the SMTP server.'),
 * };
 * const config = loadConfig(process.env, { extend: section });
 * ```
 */
export function envVariable<T>(
  schema: EnvSchema<T>,
  fallback: string | undefined,
  description: string,
  secret = false,
): EnvVariable<T> {
  return Object.freeze({
    schema: fallback === undefined ? schema : withFallback(schema, fallback),
    default: fallback,
    secret,
    description,
  });
}

/**
 * The value a variable takes when it is not set: its parsed default, or `null`/`[]` for an
 * optional one. For modules whose own option defaults must match the configuration's.
 *
 * @throws {TypeError} when the variable is required (it has no value when unset).
 * @example
 * ```ts
 * defaultOf(flowfullVariables.BRIDGE_TIMEOUT_MS); // 5000
 * ```
 */
export function defaultOf<T>(variable: EnvVariable<T>): T {
  const result = variable.schema.safeParse(undefined);
  if (!result.success) throw new TypeError(`defaultOf: the variable is required and has no default`);
  return result.data;
}
