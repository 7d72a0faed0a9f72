/**
 * @module OpenApiRegistry: collects route descriptions and renders an OpenAPI 3.1 document, with
 * every schema generated from Zod (`z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses).
 */
import type { Handler } from 'hono';
import { z } from 'zod';
import type { RouteSpec } from './route-spec.js';

/** Options of {@link OpenApiRegistry}. */
export interface OpenApiInfo {
  /** API title. */
  title: string;
  /** API version. */
  version: string;
  /** Longer description. @default none */
  description?: string;
  /** Header carrying the session, documented as an API key scheme. @default 'X-Session-ID' */
  sessionHeader?: string;
}

type JsonObject = Record<string, unknown>;

/**
 * Route descriptions and the OpenAPI document built from them.
 *
 * @example
 * ```ts
 * const api = new OpenApiRegistry({ title: 'Starter', version: '1.0.0' });
 * api.add({ method: 'post', path: '/api/v1/items', summary: 'Create an item', body: newItem,
 *   responses: { 201: { description: 'Created', schema: itemResponse } } });
 * app.get('/openapi.json', api.handler());
 * ```
 */
export class OpenApiRegistry {
  readonly #info: OpenApiInfo;
  readonly #routes: RouteSpec[] = [];
  #document: JsonObject | null = null;

  constructor(info: OpenApiInfo) {
    if (!info?.title || !info.version)
      throw new TypeError('OpenApiRegistry: "title" and "version" are required');
    this.#info = info;
  }

  /** Adds a route description; returns the registry for chaining. */
  add(spec: RouteSpec): this {
    this.#routes.push(spec);
    this.#document = null;
    return this;
  }

  /** The routes described so far. */
  get routes(): readonly RouteSpec[] {
    return this.#routes;
  }

  /** The OpenAPI 3.1 document (built once, then reused until a route is added). */
  document(): JsonObject {
    this.#document ??= this.#build();
    return this.#document;
  }

  /** A handler serving the document as JSON. */
  handler(): Handler {
    return (c) => c.json(this.document());
  }

  #build(): JsonObject {
    const paths: Record<string, Record<string, JsonObject>> = {};
    for (const route of this.#routes) {
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      paths[path] ??= {};
      paths[path][route.method] = operation(route);
    }
    const { title, version, description, sessionHeader = 'X-Session-ID' } = this.#info;
    return {
      openapi: '3.1.0',
      info: { title, version, ...(description ? { description } : {}) },
      paths,
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'header', name: sessionHeader } },
      },
    };
  }
}

function operation(route: RouteSpec): JsonObject {
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } }
        : {}),
    };
  }
  return {
    summary: route.summary,
    ...(route.tags?.length ? { tags: [...route.tags] } : {}),
    ...(route.auth === 'required' ? { security: [{ session: [] }] } : {}),
    ...(route.auth === 'optional' ? { security: [{}, { session: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query'): JsonObject[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType, 'input'),
  }));
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}
