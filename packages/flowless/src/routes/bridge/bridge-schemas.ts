/**
 * @module Zod schemas of the Bridge routes' inputs, over the normalised snake_case keys. The
 * handlers read these fields leniently (a non-string or empty value counts as absent), so the
 * schemas describe what they accept rather than parse it.
 */
import { z } from 'zod';

/** The Bridge secret in the body, when no `X-Bridge-Secret` header is sent. */
const bridgeSecret = z.string().optional().describe('Alternative to the X-Bridge-Secret header');

/** `POST /auth/bridge/validate` and `/bridge/validate`. */
export const validateBody = z.object({
  session_id: z.string().min(1).optional().describe('Or X-Session-ID, or ?session_id= if allowed'),
  bridge_secret: bridgeSecret,
});

/** `?session_id=` on the validate routes (when `AUTH_SESSION_FROM_QUERY` allows). */
export const validateQuery = z.object({ session_id: z.string().min(1).optional() });

/** `POST /auth/bridge/invalidate`: one of `session_id`, `session_hash`, `user_id`, in that order. */
export const invalidateBody = z.object({
  session_id: z.string().min(1).optional(),
  session_hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .describe('Hex SHA-256 of a session id'),
  user_id: z.string().min(1).optional(),
  bridge_secret: bridgeSecret,
});

/** A cursor of the feed: an event id, or a time in epoch ms. */
const feedNumber = z.string().regex(/^\d{1,15}$/);

/** `GET /auth/bridge/revocations`: where the stream starts (the Last-Event-ID header wins). */
export const revocationFeedQuery = z.object({
  last_event_id: feedNumber.optional().describe('For clients that cannot send the Last-Event-ID header'),
  since: feedNumber
    .optional()
    .describe('First connection: replay what was revoked since this time (epoch ms)'),
});
