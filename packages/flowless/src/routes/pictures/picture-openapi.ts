/**
 * @module OpenAPI descriptions of the profile-picture routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { z } from 'zod';

const tags = ['me'];
const badSession = { 401: { description: '"Invalid session" or "Session expired"' } };

/**
 * Describes the picture routes.
 *
 * @example
 * ```ts
 * describePictureRoutes(openapi);
 * ```
 */
export function describePictureRoutes(openapi: OpenApiRegistry): void {
  openapi
    .add({
      method: 'post',
      path: '/auth/upload/picture',
      summary:
        'Upload a profile picture: multipart/form-data, file field "picture", a JPEG, PNG or WebP recognised by its bytes; the previous picture is deleted',
      tags,
      auth: 'required',
      responses: {
        200: { description: 'data.picture_url, data.picture and data.user (with picture set)' },
        400: { description: 'ERR_FLOWLESS_PICTURE_MISSING or ERR_FLOWLESS_PICTURE_TRUNCATED' },
        ...badSession,
        413: { description: 'ERR_FLOWLESS_PICTURE_TOO_LARGE (PICTURE_MAX_BYTES)' },
        415: {
          description: 'ERR_FLOWLESS_PICTURE_UNSUPPORTED: not a JPEG, PNG or WebP, whatever its name or type',
        },
        422: { description: 'ERR_FLOWLESS_PICTURE_TOO_MANY_PIXELS (PICTURE_MAX_PIXELS)' },
      },
    })
    .add({
      method: 'delete',
      path: '/auth/upload/picture',
      summary: 'Remove the profile picture (the stored file is deleted)',
      tags,
      auth: 'required',
      responses: { 200: { description: 'data: the user, picture null' }, ...badSession },
    })
    .add({
      method: 'get',
      path: '/auth/upload/picture/:name',
      summary:
        'A stored picture: its detected Content-Type, nosniff, cached for a year under its content-hash name',
      tags,
      params: z.object({ name: z.string().describe('<sha256 hex>.<jpg|png|webp>') }),
      responses: { 200: { description: 'The image bytes' }, 404: { description: 'No such picture' } },
    });
}
