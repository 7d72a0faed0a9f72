/**
 * @module Zod schemas of the signed-in user's inputs (profile, password change), over the
 * normalised snake_case keys.
 */
import { z } from 'zod';
import { emailField, profileFields } from '../auth/user-fields.js';

/**
 * `PUT /auth/user/me` and `/auth/profile`: the profile fields to change. A new `email` needs
 * `current_password`; `verify_url` is where the confirmation link should point (allow-listed).
 */
export const profileBody = z.object({
  email: emailField.optional(),
  current_password: z.string().max(4096).optional(),
  verification_code: z.string().max(64).optional(),
  verification_method_id: z.string().max(64).optional(),
  verification_method: z.enum(['totp', 'email', 'sms', 'backup_codes']).optional(),
  verify_url: z.string().max(2048).optional(),
  ...profileFields,
});

/** `POST /auth/password-change/self`. */
export const selfPasswordBody = z.object({
  current_password: z.string().max(4096),
  new_password: z.string(),
});

/** `POST /auth/password-change/admin`. */
export const adminPasswordBody = z.object({ user_id: z.string().min(1).max(64), new_password: z.string() });
