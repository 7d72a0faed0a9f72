/**
 * @module Zod schemas of the admin user routes' inputs, over the normalised snake_case keys.
 */
import { z } from 'zod';
import { emailField, profileFields, userTypeField } from '../auth/user-fields.js';

/** `GET /auth/users` query (`userType` is read as `user_type`). */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().max(255).optional(),
  user_type: userTypeField.optional(),
});

/** The list query as clients may send it: both casings of the type filter. */
export const listQueryAccepted = listQuery.extend({ userType: z.string().max(64).optional() });

/** `PUT`/`PATCH /auth/users/:id`: the fields to change. */
export const updateBody = z.object({
  email: emailField.optional(),
  ...profileFields,
  user_type: userTypeField.optional(),
  is_verified: z.boolean().optional(),
  is_banned: z.boolean().optional(),
  two_factor: z.boolean().optional(),
});

/** The `:id` path parameter. */
export const userIdParams = z.object({ id: z.string() });
