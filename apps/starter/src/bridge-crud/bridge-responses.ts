/**
 * @module The Bridge CRUD response shapes (see docs/starter.md, Bridge CRUD):
 * `{ success, data, meta }` with
 * meta `{ page, limit, total, hasMore, totalPages }`.
 */
import { z } from 'zod';

/** Meta of a list or search page. */
export interface BridgeMeta {
  readonly page: number;
  readonly limit: number;
  readonly total: number;
  readonly hasMore: boolean;
  readonly totalPages: number;
}

/** Zod schema of {@link BridgeMeta}, for the OpenAPI document. */
export const bridgeMetaSchema = z.object({
  page: z.number(),
  limit: z.number(),
  total: z.number(),
  hasMore: z.boolean(),
  totalPages: z.number(),
});

/**
 * Page meta from a page number, a limit and a total.
 */
export function bridgeMeta(page: number, limit: number, total: number): BridgeMeta {
  return { page, limit, total, hasMore: page * limit < total, totalPages: Math.ceil(total / limit) };
}
