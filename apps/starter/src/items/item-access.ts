/**
 * @module The ownership rule, in one place: an item the caller cannot see is 404
 * (`ERR_ITEM_NOT_FOUND`, whether or not it exists); an item the caller can see (a public one) but
 * does not own is 403 (`ERR_ITEM_FORBIDDEN`) for every change.
 */
import { ApiError } from 'flowfull/server';
import type { ItemRepository } from './item-repository.js';
import type { ItemsTable } from './item-table.js';

/**
 * The item `userId` owns, or the 404/403 of the rule above.
 *
 * @example
 * ```ts
 * const row = await ownedItem(items, c.req.param('id'), c.get('user_id'));
 * ```
 */
export async function ownedItem(items: ItemRepository, id: string, userId: string): Promise<ItemsTable> {
  const row = await visibleItem(items, id, userId);
  if (row.owner_id !== userId)
    throw new ApiError(403, 'ERR_ITEM_FORBIDDEN', 'Only the owner can change this item');
  return row;
}

/**
 * The item if the viewer (or a guest, `null`) may see it, else a 404.
 *
 * @example
 * ```ts
 * const row = await visibleItem(items, id, c.get('is_guest') ? null : c.get('user_id'));
 * ```
 */
export async function visibleItem(
  items: ItemRepository,
  id: string,
  viewer: string | null,
): Promise<ItemsTable> {
  const row = await items.findVisible(id, viewer);
  if (row === undefined) throw new ApiError(404, 'ERR_ITEM_NOT_FOUND', 'Item not found');
  return row;
}
