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
 */
export async function ownedItem(items: ItemRepository, id: string, userId: string): Promise<ItemsTable> {
  const row = await visibleItem(items, id, userId);
  if (row.owner_id !== userId)
    throw new ApiError(403, 'ERR_ITEM_FORBIDDEN', 'Only the owner can change this item');
  return row;
}

/**
 * The item if the viewer (or a guest, `null`) may see it, else a 404.
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

/** A new item's fields as the create routes validate them. */
export interface NewItemInput {
  title: string;
  description?: string | null | undefined;
  is_public: boolean;
}

/**
 * Creates an item owned by `ownerId`.
 */
export function createItem(items: ItemRepository, ownerId: string, input: NewItemInput): Promise<ItemsTable> {
  const now = Date.now();
  return items.create({
    id: crypto.randomUUID(),
    owner_id: ownerId,
    title: input.title,
    description: input.description ?? null,
    is_public: input.is_public,
    created_at: now,
    updated_at: now,
  });
}

/**
 * Applies `changes` to the item `userId` owns (404/403 by the rule above) and returns it.
 */
export async function updateOwnItem(
  items: ItemRepository,
  id: string,
  userId: string,
  changes: Partial<Pick<ItemsTable, 'title' | 'description' | 'is_public'>>,
): Promise<ItemsTable> {
  await ownedItem(items, id, userId);
  const row = await items.update(id, { ...changes, updated_at: Date.now() });
  // Deleted between the check and the update: the same answer as an item that never existed.
  if (row === undefined) throw new ApiError(404, 'ERR_ITEM_NOT_FOUND', 'Item not found');
  return row;
}

/**
 * Deletes the item `userId` owns (404/403 by the rule above).
 */
export async function deleteOwnItem(items: ItemRepository, id: string, userId: string): Promise<void> {
  await ownedItem(items, id, userId);
  await items.delete(id);
}
