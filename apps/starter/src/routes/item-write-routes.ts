/**
 * @module The owner-only writes of items (create, change, delete), shared by `/api/v1/items` and
 * `/bridge/items`: one handler each, mounted under either base path, and documented once.
 */
import { requireAuth } from 'flowfull/middleware';
import { type OpenApiRegistry, zodValidator } from 'flowfull/server';
import {
  itemChangesSchema,
  itemIdSchema,
  itemResponseSchema,
  newItemSchema,
  presentItem,
} from '../items/item.js';
import { createItem, deleteOwnItem, updateOwnItem } from '../items/item-access.js';
import type { RouteContext } from './starter-env.js';

/**
 * Registers `POST base`, `PUT base/:id` and `DELETE base/:id` (see item-access.ts for 404/403)
 * and their OpenAPI operations under `tags`.
 */
export function registerItemWriteRoutes(
  { app, services, openapi }: RouteContext,
  base: string,
  tags: readonly string[],
): void {
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
  documentItemWriteRoutes(openapi, base, tags);
}

function documentItemWriteRoutes(openapi: OpenApiRegistry, base: string, tags: readonly string[]): void {
  const notYours = {
    403: { description: 'A public item of someone else' },
    404: { description: 'No such item visible to you' },
  };
  openapi
    .add({
      method: 'post',
      path: base,
      summary: 'Create an item',
      tags,
      auth: 'required',
      body: newItemSchema,
      responses: {
        201: { description: 'Created', schema: itemResponseSchema },
        400: { description: 'Invalid body (failing fields listed)' },
      },
    })
    .add({
      method: 'put',
      path: `${base}/:id`,
      summary: 'Change your item',
      tags,
      auth: 'required',
      params: itemIdSchema,
      body: itemChangesSchema,
      responses: { 200: { description: 'Changed', schema: itemResponseSchema }, ...notYours },
    })
    .add({
      method: 'delete',
      path: `${base}/:id`,
      summary: 'Delete your item',
      tags,
      auth: 'required',
      params: itemIdSchema,
      responses: { 200: { description: 'Deleted' }, ...notYours },
    });
}
