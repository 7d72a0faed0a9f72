/**
 * @module The documented form of a body schema: what a client may send before key normalisation
 * (see request-body.ts), so the OpenAPI document shows both casings and the dropped `null`s.
 */
import { z } from 'zod';
import { KEY_ALIASES } from './request-body.js';

function aliasesOf(key: string): string[] {
  return Object.entries(KEY_ALIASES)
    .filter(([, canonical]) => canonical === key)
    .map(([alias]) => alias);
}

/**
 * Builds the schema a client may send for a handler schema over normalised keys: every key that
 * has aliases is listed under each of them (each optional in the schema, since any one of them
 * will do; the description says which are required), and optional keys also accept `null`, which
 * normalisation drops.
 */
export function acceptedBody(schema: z.ZodObject): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const optional = field.safeParse(undefined).success;
    const aliases = aliasesOf(key);
    if (aliases.length === 0) {
      shape[key] = optional ? field.nullable() : field;
      continue;
    }
    const others = (name: string) => [key, ...aliases].filter((other) => other !== name).join(' or ');
    const described = (name: string) =>
      (optional ? field.nullable() : field)
        .optional()
        .describe(
          optional ? `Optional; also accepted as ${others(name)}` : `Required (this or ${others(name)})`,
        );
    shape[key] = described(key);
    for (const alias of aliases) shape[alias] = described(alias);
  }
  return z.object(shape);
}
