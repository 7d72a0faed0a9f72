/**
 * @module Reads the `picture` field of a `multipart/form-data` upload, counting bytes as they
 * arrive (the read stops past the limit), and checks what the bytes are: a JPEG, PNG or WebP
 * within the size and pixel limits. Each refusal is a {@link FlowlessError} with a stable code.
 */
import type { Context } from 'hono';
import { FlowlessError } from '../errors.js';
import { type PictureFormat, probePicture } from './picture-format.js';

/** The limits an upload is held to. */
export interface PictureLimits {
  /** Largest picture, in bytes (`PICTURE_MAX_BYTES`). */
  readonly maxBytes: number;
  /** Most pixels, width × height (`PICTURE_MAX_PIXELS`). */
  readonly maxPixels: number;
}

/** An accepted picture. */
export interface UploadedPicture {
  readonly bytes: Uint8Array;
  readonly format: PictureFormat;
}

/** Room for the multipart boundaries and part headers around the file, in bytes. */
export const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = (maxBytes: number) =>
  new FlowlessError('ERR_FLOWLESS_PICTURE_TOO_LARGE', `Picture exceeds ${maxBytes} bytes`, { status: 413 });
const missing = () =>
  new FlowlessError(
    'ERR_FLOWLESS_PICTURE_MISSING',
    'Send the picture as multipart/form-data in the field "picture"',
    { status: 400 },
  );

async function readCapped(c: Context, cap: number): Promise<Uint8Array> {
  const body = c.req.raw.body;
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      throw tooLarge(cap - MULTIPART_OVERHEAD);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function pictureField(c: Context, limits: PictureLimits): Promise<Uint8Array> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) throw missing();
  const raw = await readCapped(c, limits.maxBytes + MULTIPART_OVERHEAD);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  } catch {
    throw missing();
  }
  const file = form.get('picture');
  if (file === null || typeof file === 'string') throw missing();
  if (file.size > limits.maxBytes) throw tooLarge(limits.maxBytes);
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * The uploaded picture, recognised by its bytes.
 *
 * @throws FlowlessError 400 `ERR_FLOWLESS_PICTURE_MISSING` (no multipart body or no `picture`
 *   file), 413 `ERR_FLOWLESS_PICTURE_TOO_LARGE`, 415 `ERR_FLOWLESS_PICTURE_UNSUPPORTED` (not a
 *   JPEG, PNG or WebP, whatever its name or declared type), 400 `ERR_FLOWLESS_PICTURE_TRUNCATED`,
 *   422 `ERR_FLOWLESS_PICTURE_TOO_MANY_PIXELS`.
 * @example
 * ```ts
 * const picture = await readPicture(c, { maxBytes: 2 * 1024 * 1024, maxPixels: 16_000_000 });
 * ```
 */
export async function readPicture(c: Context, limits: PictureLimits): Promise<UploadedPicture> {
  const bytes = await pictureField(c, limits);
  const probe = probePicture(bytes);
  if (!probe.ok && probe.reason === 'truncated') {
    throw new FlowlessError('ERR_FLOWLESS_PICTURE_TRUNCATED', 'The picture is incomplete', { status: 400 });
  }
  if (!probe.ok) {
    throw new FlowlessError(
      'ERR_FLOWLESS_PICTURE_UNSUPPORTED',
      'The picture must be a JPEG, PNG or WebP image',
      {
        status: 415,
      },
    );
  }
  if (probe.width * probe.height > limits.maxPixels) {
    throw new FlowlessError(
      'ERR_FLOWLESS_PICTURE_TOO_MANY_PIXELS',
      `The picture has more than ${limits.maxPixels} pixels (${probe.width}×${probe.height})`,
      { status: 422 },
    );
  }
  return { bytes, format: probe.format };
}
