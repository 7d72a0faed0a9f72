/**
 * @module The Bridge CRUD convention for items at `/bridge/items`: list, search, get (guests see
 * public items), create, update, delete (owner only, same 404/403 rule as `/api/v1/items`).
 */
import { optionalAuth } from 'flowfull/middleware';
import { zodValidator } from 'flowfull/server';
import type { Context } from 'hono';
import { z } from 'zod';
import { parseBridgeQuery } from '../bridge-crud/bridge-query.js';
import { bridgeMeta, bridgeMetaSchema } from '../bridge-crud/bridge-responses.js';
import { itemIdSchema, itemResponseSchema, itemSchema, presentItem } from '../items/item.js';
import { visibleItem } from '../items/item-access.js';
import { ITEM_FIELDS } from '../items/item-repository.js';
import { registerItemWriteRoutes } from './item-write-routes.js';
import { type RouteContext, viewerOf } from './starter-env.js';

const listQuery = z.object({
  page: z.string().optional(),
  limit: z.string().optional(),
  orderBy: z.enum(ITEM_FIELDS).optional(),
  orderDir: z.enum(['asc', 'desc']).optional(),
  q: z.string().optional().describe('search only: free text over title and description'),
});

/**
 * Registers `/bridge/items`.
 */
export function registerBridgeItemRoutes({ app, services, openapi }: RouteContext): void {
  const { items } = services;
  const list = (withSearch: boolean) => async (c: Context) => {
    const query = parseBridgeQuery(c.req.queries(), { fields: ITEM_FIELDS, defaultOrderBy: 'created_at' });
    const page = await items.page(viewerOf(c), withSearch ? query : { ...query, q: null });
    return c.json({
      success: true,
      data: page.rows.map(presentItem),
      meta: bridgeMeta(query.page, query.limit, page.total),
    });
  };

  app.get('/bridge/items', optionalAuth(), list(false));
  app.get('/bridge/items/search', optionalAuth(), list(true));
  app.get('/bridge/items/:id', optionalAuth(), zodValidator('param', itemIdSchema), async (c) => {
    const row = await visibleItem(items, c.req.valid('param').id, viewerOf(c));
    return c.json({ success: true, data: presentItem(row) });
  });

  const tags = ['bridge'];
  const page = z.object({ success: z.literal(true), data: z.array(itemSchema), meta: bridgeMetaSchema });
  openapi
    .add({
      method: 'get',
      path: '/bridge/items',
      summary:
        'List items (filters: field:op=value; op one of eq, neq, contains, ncontains, sw, ew, gt, gte, lt, lte, in, nin, null, nnull)',
      tags,
      auth: 'optional',
      query: listQuery.omit({ q: true }),
      responses: { 200: { description: 'A page', schema: page }, 400: { description: 'Bad filter or sort' } },
    })
    .add({
      method: 'get',
      path: '/bridge/items/search',
      summary: 'Search items by q, with the same filters as the list',
      tags,
      auth: 'optional',
      query: listQuery,
      responses: { 200: { description: 'A page', schema: page } },
    })
    .add({
      method: 'get',
      path: '/bridge/items/:id',
      summary: 'One item',
      tags,
      auth: 'optional',
      params: itemIdSchema,
      responses: {
        200: { description: 'The item', schema: itemResponseSchema },
        404: { description: 'Not visible' },
      },
    });
  registerItemWriteRoutes({ app, services, openapi }, '/bridge/items', tags);
}
