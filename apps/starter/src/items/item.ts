/**
 * @module The item as the API shows it, and its Zod schemas (request bodies and responses), which
 * both validate requests and generate the OpenAPI document.
 */
import { z } from 'zod';
import type { ItemsTable } from './item-table.js';

/** An item in API responses. */
export const itemSchema = z.object({
  id: z.string(),
  owner_id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  is_public: z.boolean(),
  created_at: z.string().describe('ISO 8601'),
  updated_at: z.string().describe('ISO 8601'),
});

/** An item in API responses. */
export type Item = z.infer<typeof itemSchema>;

/** Body of `POST /api/v1/items`. */
export const newItemSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullable().optional(),
  is_public: z.boolean().default(false),
});

/** Body of `PUT /api/v1/items/:id`: at least one field. */
export const itemChangesSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(5000).nullable().optional(),
    is_public: z.boolean().optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, { message: 'Give at least one field to change' });

/** Path parameter `:id`. */
export const itemIdSchema = z.object({ id: z.string().min(1).max(64) });

/** Query of `GET /api/v1/items`. */
export const itemPageSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** `{ success: true, data: item }`. */
export const itemResponseSchema = z.object({ success: z.literal(true), data: itemSchema });

/**
 * Turns a row into the API shape (booleans normalised, times as ISO 8601).
 */
export function presentItem(row: ItemsTable): Item {
  return {
    id: row.id,
    owner_id: row.owner_id,
    title: row.title,
    description: row.description,
    is_public: row.is_public === true || row.is_public === 1,
    created_at: new Date(Number(row.created_at)).toISOString(),
    updated_at: new Date(Number(row.updated_at)).toISOString(),
  };
}
