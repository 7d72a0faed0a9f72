/**
 * @module The description of one route for the OpenAPI document: its path, parameters, body and
 * responses as Zod schemas (the same ones the route validates with).
 */
import type { z } from 'zod';

/** HTTP methods a route may document. */
export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One documented response. */
export interface RouteResponse {
  /** What it means. */
  readonly description: string;
  /** Its JSON body. @default none */
  readonly schema?: z.ZodType;
}

/** One documented route. */
export interface RouteSpec {
  /** Method. */
  readonly method: RouteMethod;
  /** Hono-style path (`/api/v1/items/:id`); written as `/api/v1/items/{id}` in the document. */
  readonly path: string;
  /** One line. */
  readonly summary: string;
  /** Grouping tags. @default [] */
  readonly tags?: readonly string[];
  /** `required` (requireAuth), `optional` (optionalAuth) or `none`. @default 'none' */
  readonly auth?: 'required' | 'optional' | 'none';
  /** Path parameters (a Zod object). */
  readonly params?: z.ZodObject;
  /** Query parameters (a Zod object). */
  readonly query?: z.ZodObject;
  /** JSON request body. */
  readonly body?: z.ZodType;
  /** Responses by status. */
  readonly responses: Readonly<Record<number, RouteResponse>>;
}
