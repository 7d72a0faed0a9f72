/**
 * @module Zod schemas of the token-login routes' inputs, over the normalised snake_case keys.
 */
import { z } from 'zod';

/**
 * `POST /auth/token/login`: with `token`, use a sign-in link; otherwise `identifier` (or `email`)
 * asks for one. Only email links exist: `type`/`method` may be omitted or `email`.
 */
export const tokenLoginBody = z.object({
  token: z.string().min(1).max(256).optional(),
  identifier: z.string().max(320).optional(),
  email: z.string().max(320).optional(),
  type: z.string().max(32).optional(),
  method: z.string().max(32).optional(),
  redirect_url: z.string().max(2048).optional(),
  login_url: z.string().max(2048).optional(),
  device_id: z.string().max(255).optional(),
});

/** `POST /auth/token/validate` (a missing or non-string token answers `valid: false`). */
export const tokenValidateBody = z.object({ token: z.string().optional() });

/** `?token=` on `GET /auth/token/validate`. */
export const tokenValidateQuery = z.object({ token: z.string().optional() });
