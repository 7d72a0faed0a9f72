/**
 * @module What every route module receives: the app and its services.
 */

import type { OpenApiRegistry } from 'flowfull/server';
import type { Hono } from 'hono';
import type { StarterServices } from '../runtime/starter-services.js';

/** The arguments of a `register…Routes` function. */
export interface RouteContext {
  readonly app: Hono;
  readonly services: StarterServices;
  readonly openapi: OpenApiRegistry;
}

/** The viewer of a request behind `optionalAuth()`: the user id, or `null` for a guest. */
export function viewerOf(c: { get(key: 'user_id'): string | null | undefined }): string | null {
  return c.get('user_id') ?? null;
}
