/**
 * @module Zod schemas of the `/auth/tokens` routes' inputs, over the normalised snake_case keys
 * (`expiresAt` → `expires_at`, `currentPassword` → `current_password`, …).
 */
import { z } from 'zod';
import { proofFields } from '../two-factor/two-factor-schemas.js';

/** `POST /auth/tokens`: a name, an optional expiry (ISO 8601 or epoch ms) and a fresh proof. */
export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  expires_at: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]).optional(),
  ...proofFields,
});

/** The `:id` path parameter of `DELETE /auth/tokens/:id`. */
export const tokenIdParams = z.object({ id: z.string() });
