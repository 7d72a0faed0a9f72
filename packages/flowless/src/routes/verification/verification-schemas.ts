/**
 * @module Zod schemas of the email-verification routes' inputs, over the normalised keys.
 */
import { z } from 'zod';
import { emailField } from '../auth/user-fields.js';

/** `POST /auth/resend-verification`. */
export const resendBody = z.object({ email: emailField, verify_url: z.string().max(2048).optional() });

/** `POST /auth/verify-email` (a missing or non-string token is an invalid token). */
export const verifyBody = z.object({ token: z.string().optional() });

/** `?token=` on `GET /auth/verify-email`. */
export const verifyQuery = z.object({ token: z.string().optional() });
