/**
 * @module Zod schemas of the auth routes' inputs (login, registration, sessions), over the
 * normalised snake_case keys; the OpenAPI document shows the accepted casings (accepted-body.ts).
 */
import { z } from 'zod';
import { emailField, profileFields, userTypeField } from './user-fields.js';

/** `POST /auth/login`: an email or a username, and the password. */
export const loginBody = z.object({
  email: z.string().max(320).optional(),
  user_name: z.string().max(255).optional(),
  password: z.string().max(4096),
  device_id: z.string().max(255).optional(),
});

/** `POST /auth/register` and `/auth/register/public` (`user_type`/`is_verified`: admin only). */
export const registerBody = z.object({
  email: emailField,
  password: z.string(),
  ...profileFields,
  user_type: userTypeField.optional(),
  is_verified: z.boolean().optional(),
  verify_url: z.string().max(2048).optional(),
});

/**
 * `POST /auth/validation` and `/auth/validate-session`: the session id, when the header, cookie or
 * query carries none. Handlers read it leniently: anything but a non-empty string counts as absent.
 */
export const sessionIdBody = z.object({ session_id: z.string().min(1).optional() });

/** `?session_id=` accepted by the session routes (when `AUTH_SESSION_FROM_QUERY` allows). */
export const sessionIdQuery = z.object({ session_id: z.string().min(1).optional() });
