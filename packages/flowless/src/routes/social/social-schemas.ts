/**
 * @module Zod schemas of the social-login routes' inputs.
 */
import { z } from 'zod';

/** `:provider` in every social route. */
export const providerParams = z.object({ provider: z.string() });

/** Query of `GET /auth/social/:provider` and `/login`: where to go afterwards and how to answer. */
export const startQuery = z.object({
  redirect: z.string().max(2048).optional(),
  redirect_path: z.string().max(2048).optional(),
  callback_mode: z.enum(['cookie', 'json', 'params']).optional(),
  format: z.enum(['json']).optional(),
});

/** Query (or form body, for `response_mode=form_post`) of the callback. */
export const callbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
  iss: z.string().optional(),
  format: z.enum(['json']).optional(),
});
