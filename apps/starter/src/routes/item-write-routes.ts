/**
 * @module The owner-only writes of items (create, change, delete), shared by `/api/v1/items` and
 * `/bridge/items`: one handler each, mounted under either base path.
 */
import { requireAuth } from 'flowfull/middleware';
import { zodValidator } from 'flowfull/server';
import { itemChangesSchema, itemIdSchema, newItemSchema, presentItem } from '../items/item.js';
import { createItem, deleteOwnItem, updateOwnItem } from '../items/item-access.js';
import type { RouteContext } from './starter-env.js';

/**
 * Registers `POST base`, `PUT base/:id` and `DELETE base/:id` (see item-access.ts for 404/403).
 */
export function registerItemWriteRoutes({ app, services }: RouteContext, base: string): void {
  const { items } = services;
  app.post(base, requireAuth(), zodValidator('json', newItemSchema), async (c) => {
    const row = await createItem(items, c.get('user_id'), c.req.valid('json'));
    return c.json({ success: true, data: presentItem(row) }, 201);
  });
  app.put(
    `${base}/:id`,
    requireAuth(),
    zodValidator('param', itemIdSchema),
    zodValidator('json', itemChangesSchema),
    async (c) => {
      const row = await updateOwnItem(items, c.req.valid('param').id, c.get('user_id'), c.req.valid('json'));
      return c.json({ success: true, data: presentItem(row) });
    },
  );
  app.delete(`${base}/:id`, requireAuth(), zodValidator('param', itemIdSchema), async (c) => {
    const { id } = c.req.valid('param');
    await deleteOwnItem(items, id, c.get('user_id'));
    return c.json({ success: true, data: { id } });
  });
}
