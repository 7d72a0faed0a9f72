/**
 * @module Profile pictures (see docs/flowless-contract.md): `POST /auth/upload/picture` (multipart field `picture`) stores a
 * JPEG, PNG or WebP recognised by its bytes under a content-hash name and points the user's
 * `picture` at it, deleting the previous stored picture; `DELETE /auth/upload/picture` removes it;
 * `GET /auth/upload/picture/:name` serves a stored picture with its detected type, `nosniff` and a
 * year-long immutable cache lifetime.
 */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireSession } from '../../http/middleware.js';
import { PICTURE_TYPES, type PictureFormat } from '../../pictures/picture-format.js';
import { PICTURE_NAME } from '../../pictures/picture-storage.js';
import { readPicture } from '../../pictures/picture-upload.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';

/** Path under which stored pictures are served. */
export const PICTURE_PATH = '/auth/upload/picture';

const FORMAT_OF_EXTENSION: Readonly<Record<string, PictureFormat>> = {
  jpg: 'jpeg',
  png: 'png',
  webp: 'webp',
};

/** The stored name a picture URL of this server points at, or null (an outside URL, or none). */
function storedName(picture: string | null): string | null {
  if (!picture) return null;
  const name = URL.canParse(picture) ? new URL(picture).pathname.split('/').pop() : undefined;
  return name !== undefined &&
    PICTURE_NAME.test(name) &&
    new URL(picture).pathname === `${PICTURE_PATH}/${name}`
    ? name
    : null;
}

/** The signed-in user's picture changes: upload a new one, or remove it. */
export interface PictureActions {
  /** Stores the uploaded picture (`picture` field) and points the user at it. */
  upload(c: Context<FlowlessEnv>): Promise<{ url: string; user: ReturnType<typeof presentUser> }>;
  /** Removes the user's picture. */
  remove(c: Context<FlowlessEnv>): Promise<ReturnType<typeof presentUser>>;
}

/**
 * The picture changes of the session's user (`c.get('session')`), as the JSON routes and the
 * account page make them.
 *
 * @throws FlowlessError the refusals of {@link readPicture} on upload.
 */
export function pictureActions(services: FlowlessServices): PictureActions {
  const { users, sessions, pictures, config } = services;
  const limits = { maxBytes: config.PICTURE_MAX_BYTES, maxPixels: config.PICTURE_MAX_PIXELS };

  const setPicture = async (c: Context<FlowlessEnv>, picture: string | null) => {
    const current = c.get('session').user;
    const updated = await users.update(current.id, { picture });
    if (!updated) throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'User not found', { status: 404 });
    await sessions.forgetUser(updated.id);
    const previous = storedName(current.picture);
    if (previous !== null && previous !== storedName(picture)) await pictures.delete(previous);
    return presentUser(updated);
  };

  return {
    async upload(c) {
      const upload = await readPicture(c, limits);
      // The hash covers the owner too: two users uploading the same file never share (and delete) one.
      const hash = createHash('sha256').update(c.get('session').user.id).update('\0').update(upload.bytes);
      const name = `${hash.digest('hex')}.${PICTURE_TYPES[upload.format].extension}`;
      await pictures.put(name, upload.bytes);
      const url = new URL(`${PICTURE_PATH}/${name}`, c.req.url).toString();
      return { url, user: await setPicture(c, url) };
    },
    remove: (c) => setPicture(c, null),
  };
}

/**
 * Registers the picture routes.
 *
 * @example
 * ```ts
 * registerPictureRoutes(app, services);
 * ```
 */
export function registerPictureRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { pictures } = services;
  const actions = pictureActions(services);

  const guards = [rateLimit(services, 'default'), requireSession(services)] as const;
  app.post(PICTURE_PATH, ...guards, async (c) => {
    const { url, user } = await actions.upload(c);
    return c.json({ success: true, data: { picture_url: url, picture: url, user }, user });
  });

  app.delete(PICTURE_PATH, ...guards, async (c) => {
    const user = await actions.remove(c);
    return c.json({ success: true, message: 'Picture removed', data: user, user });
  });

  app.get(`${PICTURE_PATH}/:name`, rateLimit(services, 'default'), async (c) => {
    const name = c.req.param('name');
    const bytes = PICTURE_NAME.test(name) ? await pictures.get(name) : null;
    const format = FORMAT_OF_EXTENSION[name.slice(name.lastIndexOf('.') + 1)];
    if (bytes === null || format === undefined) {
      throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'Picture not found', { status: 404 });
    }
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': PICTURE_TYPES[format].mime,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'",
    });
  });
}
