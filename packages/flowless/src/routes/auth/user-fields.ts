/**
 * @module Zod rules for the user fields that registration, profile and admin routes accept
 * (after key normalisation to snake_case).
 */
import { canonicalUserType } from 'flowfull/middleware';
import { z } from 'zod';
import type { FlowlessErrorCode } from '../../errors.js';

/** A username: 3–64 of letters, digits, `.`, `_`, `-` (never `@`, which marks an email login). */
export const usernameField = z
  .string()
  .regex(/^[A-Za-z0-9._-]{3,64}$/, 'must be 3-64 letters, digits, ".", "_" or "-"');
/** An email address, trimmed and lowercased. */
export const emailField = z
  .string()
  .trim()
  .max(320)
  .transform((value) => value.toLowerCase())
  .pipe(z.email());

/**
 * A user type, read by its canonical name: any spelling of `admin` or `superadmin`
 * (`super_admin`, `Super-Admin`…) becomes that name, so the superadmin rules cannot be sidestepped
 * by spelling; other types are free-form and kept as sent (trimmed).
 */
export const userTypeField = z.string().trim().min(1).max(64).transform(canonicalUserType);

/** Deepest nesting of `metadata`, the object itself counting as level 1. */
export const METADATA_MAX_DEPTH = 8;
/** Largest `metadata`, in UTF-8 bytes of its JSON. */
export const METADATA_MAX_BYTES = 8192;

/** Whether `value` nests objects or arrays more than `max` levels deep; iterative, so any depth is safe. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * A free-form JSON object stored with the user. Capped before anything serialises it: a
 * 5,000-level value would overflow the stack of `JSON.stringify`. A refusal carries its stable
 * code in the issue's `params.code` (read by `invalidBody`).
 */
export const metadataField = z
  .record(z.string(), z.unknown())
  .superRefine((value, ctx) => {
    const refuse = (code: FlowlessErrorCode, message: string) =>
      ctx.addIssue({ code: 'custom', message, params: { code } });
    if (nestsDeeperThan(value, METADATA_MAX_DEPTH)) {
      refuse('ERR_FLOWLESS_METADATA_TOO_DEEP', `nests deeper than ${METADATA_MAX_DEPTH} levels`);
    } else if (Buffer.byteLength(JSON.stringify(value)) > METADATA_MAX_BYTES) {
      refuse('ERR_FLOWLESS_METADATA_TOO_LARGE', `larger than ${METADATA_MAX_BYTES} bytes as JSON`);
    }
  })
  .describe(`Free-form JSON object: at most ${METADATA_MAX_DEPTH} levels, ${METADATA_MAX_BYTES} bytes`);

/** The profile fields every user may set on themselves. */
export const profileFields = {
  name: z.string().max(255).optional(),
  last_name: z.string().max(255).optional(),
  user_name: usernameField.optional(),
  phone: z.string().max(50).optional(),
  picture: z.string().max(2048).optional(),
  lang: z.string().max(16).optional(),
  metadata: metadataField.optional(),
};
