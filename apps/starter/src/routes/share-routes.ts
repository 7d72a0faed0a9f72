/**
 * @module Share links: `POST /api/v1/items/:id/share` (owner) issues a single-use link;
 * `POST /api/v1/shares/redeem` with `{ token }` returns the item once. The token travels in a
 * body, never in a URL, so it stays out of access logs.
 */
import { requireAuth } from 'flowfull/middleware';
import { zodValidator } from 'flowfull/server';
import { z } from 'zod';
import { itemIdSchema, itemResponseSchema, presentItem } from '../items/item.js';
import { ownedItem } from '../items/item-access.js';
import { issueShare, redeemShare } from '../shares/share-links.js';
import type { RouteContext } from './starter-env.js';

const shareBody = z.strictObject({ ttl_minutes: z.number().int().min(1).max(43_200).optional() });
const redeemBody = z.strictObject({ token: z.string().min(1).max(8192) });

/**
 * Registers the share routes.
 */
export function registerShareRoutes({ app, services, openapi }: RouteContext): void {
  const { items, tokens, config } = services;
  app.post(
    '/api/v1/items/:id/share',
    requireAuth(),
    zodValidator('param', itemIdSchema),
    zodValidator('json', shareBody),
    async (c) => {
      const item = await ownedItem(items, c.req.valid('param').id, c.get('user_id'));
      const ttl = c.req.valid('json').ttl_minutes ?? config.SHARE_LINK_TTL_MINUTES;
      const share = await issueShare(tokens, item.id, item.owner_id, ttl);
      return c.json(
        { success: true, data: { ...share, item_id: item.id, redeem_path: '/api/v1/shares/redeem' } },
        201,
      );
    },
  );
  app.post('/api/v1/shares/redeem', zodValidator('json', redeemBody), async (c) => {
    const itemId = await redeemShare(tokens, c.req.valid('json').token);
    const row = await items.findById(itemId);
    if (row === undefined)
      return c.json({ success: false, error: 'Item not found', code: 'ERR_ITEM_NOT_FOUND' }, 404);
    return c.json({ success: true, data: presentItem(row) });
  });

  openapi
    .add({
      method: 'post',
      path: '/api/v1/items/:id/share',
      summary: 'Issue a single-use share link (a trust token) for your item',
      tags: ['shares'],
      auth: 'required',
      params: itemIdSchema,
      body: shareBody,
      responses: {
        201: {
          description: 'The token',
          schema: z.object({
            success: z.literal(true),
            data: z.object({
              token: z.string(),
              expires_at: z.string(),
              item_id: z.string(),
              redeem_path: z.string(),
            }),
          }),
        },
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/shares/redeem',
      summary: 'Redeem a share link once and read the item',
      tags: ['shares'],
      body: redeemBody,
      responses: {
        200: { description: 'The shared item', schema: itemResponseSchema },
        400: { description: 'Not a valid share token' },
        410: { description: 'Already used or expired' },
      },
    });
}
