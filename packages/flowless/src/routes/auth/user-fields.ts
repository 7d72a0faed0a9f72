/**
 * @module Zod rules for the user fields that registration, profile and admin routes accept
 * (after key normalisation to snake_case).
 */
import { z } from 'zod';

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

/** The profile fields every user may set on themselves. */
export const profileFields = {
  name: z.string().max(255).optional(),
  last_name: z.string().max(255).optional(),
  user_name: usernameField.optional(),
  phone: z.string().max(50).optional(),
  picture: z.string().max(2048).optional(),
  lang: z.string().max(16).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
};
