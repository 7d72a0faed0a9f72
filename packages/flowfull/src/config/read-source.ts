/**
 * @module Reading: the raw variables, from the environment, `<cwd>/.env` and computed defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { EnvSource } from './flowfull-config.js';

/** Computes raw default values from the merged environment and the working directory. */
export type RawDefaults = (source: EnvSource, cwd: string) => Readonly<Record<string, string>>;

/** Where {@link readSource} reads from. */
export interface ReadSourceOptions {
  /** Folder whose `.env` file is read. */
  readonly cwd: string;
  /** Read `<cwd>/.env`. @default true */
  readonly dotenv?: boolean;
  /** Raw values for variables nothing else sets (or sets empty). @default none */
  readonly defaults?: RawDefaults | undefined;
}

function readDotenv(cwd: string): Record<string, string> {
  const path = join(cwd, '.env');
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

/**
 * The raw variables: `<cwd>/.env`, overridden by `env`, with `defaults` filling what neither sets.
 *
 * @example
 * ```ts
 * readSource({ PORT: '8080' }, { cwd: process.cwd(), dotenv: false }).PORT; // '8080'
 * ```
 */
export function readSource(env: EnvSource, options: ReadSourceOptions): EnvSource {
  const merged: Record<string, string | undefined> = {
    ...(options.dotenv === false ? {} : readDotenv(options.cwd)),
    ...env,
  };
  if (options.defaults === undefined) return merged;
  for (const [name, value] of Object.entries(options.defaults(merged, options.cwd))) {
    if (!merged[name]?.trim()) merged[name] = value;
  }
  return merged;
}
