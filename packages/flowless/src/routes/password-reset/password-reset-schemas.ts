/**
 * @module Zod schemas of the password-reset routes' inputs, over the normalised snake_case keys.
 */
import { z } from 'zod';
import { emailField } from '../auth/user-fields.js';

/** `POST /auth/password-reset/request`. */
export const requestBody = z.object({ email: emailField, reset_url: z.string().max(2048).optional() });

/** `POST /auth/password-reset/reset` and `/complete`. */
export const completeBody = z.object({ token: z.string().min(1).max(256), password: z.string() });

/** `POST /auth/password-reset/validate` (a missing or non-string token answers `valid: false`). */
export const tokenBody = z.object({ token: z.string().optional() });

/** `?token=` on `GET /auth/password-reset/validate`. */
export const tokenQuery = z.object({ token: z.string().optional() });

/** `:token` on `GET /auth/password-reset/validate/:token`. */
export const tokenParams = z.object({ token: z.string() });
