/**
 * @module Reads a Management API request body against its schema: 422 `VAULT_BODY_INVALID` when
 * it is not JSON or does not match.
 */
import type { z } from 'zod';
import { ApiError } from '../server/errors.js';

/**
 * Parses the JSON body of `request` with `schema`.
 *
 * @throws ApiError 422 `VAULT_BODY_INVALID`.
 */
export async function parseManagementBody<T>(
  schema: z.ZodType<T>,
  request: { json(): Promise<unknown> },
): Promise<T> {
  const parsed = schema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(422, 'VAULT_BODY_INVALID', 'Request body is invalid');
  return parsed.data;
}
