/**
 * @module Parsing: each declared variable read by its own schema, every failure kept.
 */
import type { z } from 'zod';
import type { ConfigSection, SectionValues } from './env-variable.js';
import type { ConfigProblem } from './errors.js';
import type { EnvSource } from './flowfull-config.js';

/** What {@link parseVariables} gives: every value that parsed, and a problem for each that did not. */
export type ParsedVariables<S extends ConfigSection> =
  | { readonly ok: true; readonly values: SectionValues<S>; readonly problems: readonly [] }
  | {
      readonly ok: false;
      readonly values: Partial<SectionValues<S>>;
      readonly problems: readonly ConfigProblem[];
    };

function messageOf(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'is invalid';
}

/**
 * Parses each variable of `variables` (none when `undefined`) from `source` on its own, so that
 * one failure does not hide the checks that need another value.
 *
 * @example
 * ```ts
 * const parsed = parseVariables({ PORT: 'x' }, { PORT: flowfullVariables.PORT });
 * parsed.problems; // [{ variable: 'PORT', message: 'must be a whole number from 0 to 65535' }]
 * ```
 */
export function parseVariables<S extends ConfigSection>(
  source: EnvSource,
  variables: S | undefined,
): ParsedVariables<S> {
  const values: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, { schema }] of Object.entries(variables ?? {})) {
    const result = schema.safeParse(source[name]);
    if (result.success) values[name] = result.data;
    else problems.push({ variable: name, message: messageOf(result.error) });
  }
  // Each key holds the output of its own variable's schema, which TypeScript cannot follow through
  // Object.entries; with no problem, every key of `variables` is present.
  if (problems.length > 0) return { ok: false, values: values as Partial<SectionValues<S>>, problems };
  return { ok: true, values: values as SectionValues<S>, problems: [] };
}
