/**
 * @module `/api/v1/items`: guests list public items, users their own plus public ones; only the
 * owner changes or deletes an item (see item-access.ts for 404 versus 403).
 */
import { optionalAuth } from 'flowfull/middleware';
import { zodValidator } from 'flowfull/server';
import { z } from 'zod';
import { itemPageSchema, itemSchema, presentItem } from '../items/item.js';
import { registerItemWriteRoutes } from './item-write-routes.js';
import { type RouteContext, viewerOf } from './starter-env.js';

const pageMeta = z.object({ page: z.number(), limit: z.number(), total: z.number(), hasMore: z.boolean() });
const listResponse = z.object({ success: z.literal(true), items: z.array(itemSchema), meta: pageMeta });

/**
 * Registers the item routes.
 */
export function registerItemRoutes({ app, services, openapi }: RouteContext): void {
  const { items } = services;

  app.get('/api/v1/items', optionalAuth(), zodValidator('query', itemPageSchema), async (c) => {
    const { page, limit } = c.req.valid('query');
    const viewer = viewerOf(c);
    const result = await items.page(viewer, {
      page,
      limit,
      orderBy: 'created_at',
      orderDir: 'desc',
      q: null,
      filters: [],
    });
    return c.json({
      success: true,
      items: result.rows.map(presentItem),
      meta: { page, limit, total: result.total, hasMore: page * limit < result.total },
    });
  });

  const tags = ['items'];
  openapi.add({
    method: 'get',
    path: '/api/v1/items',
    summary: 'Public items for guests; your own plus public ones when signed in',
    tags,
    auth: 'optional',
    query: itemPageSchema,
    responses: { 200: { description: 'A page of items', schema: listResponse } },
  });
  registerItemWriteRoutes({ app, services, openapi }, '/api/v1/items', tags);
}
