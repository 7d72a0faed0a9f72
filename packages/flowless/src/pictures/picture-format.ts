/**
 * @module Recognises a JPEG, PNG or WebP image by its bytes alone (magic numbers, then a parse of
 * the header for the dimensions and of the trailer for completeness), never by a file name or a
 * declared type, and without decoding a pixel.
 */

/** The image formats accepted. */
export type PictureFormat = 'jpeg' | 'png' | 'webp';

/** What the bytes turned out to be. */
export type PictureProbe =
  | { readonly ok: true; readonly format: PictureFormat; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly reason: 'unsupported' | 'truncated' };

/** `Content-Type` and file extension of each format. */
export const PICTURE_TYPES: Readonly<Record<PictureFormat, { mime: string; extension: string }>> = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
  webp: { mime: 'image/webp', extension: 'webp' },
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const PNG_END = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]; // "IEND" and its CRC
const TRUNCATED: PictureProbe = { ok: false, reason: 'truncated' };
const UNSUPPORTED: PictureProbe = { ok: false, reason: 'unsupported' };

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((value, index) => bytes[at + index] === value);
const opensLike = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length > 0 && signature.slice(0, bytes.length).every((value, index) => bytes[index] === value);
const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));
const sized = (format: PictureFormat, width: number, height: number): PictureProbe =>
  width > 0 && height > 0 ? { ok: true, format, width, height } : UNSUPPORTED;

function probePng(bytes: Uint8Array, view: DataView): PictureProbe {
  if (bytes.length < 33) return TRUNCATED;
  if (view.getUint32(8) !== 13 || ascii(bytes, 12, 4) !== 'IHDR') return UNSUPPORTED;
  if (!startsWith(bytes, PNG_END, bytes.length - 8)) return TRUNCATED;
  return sized('png', view.getUint32(16), view.getUint32(20));
}

// Start-of-frame markers (baseline, progressive, lossless, arithmetic): not DHT, JPG or DAC.
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function probeJpeg(bytes: Uint8Array, view: DataView): PictureProbe {
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return TRUNCATED;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return UNSUPPORTED;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda) return UNSUPPORTED; // no frame before the scan
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2) return UNSUPPORTED;
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) return TRUNCATED;
      return sized('jpeg', view.getUint16(at + 7), view.getUint16(at + 5));
    }
    at += 2 + length;
  }
  return TRUNCATED;
}

function probeWebp(bytes: Uint8Array, view: DataView): PictureProbe {
  if (bytes.length < 30) return TRUNCATED;
  const riffSize = view.getUint32(4, true);
  if (riffSize + 8 > bytes.length) return TRUNCATED;
  if (riffSize + 8 < bytes.length) return UNSUPPORTED;
  const chunk = ascii(bytes, 12, 4);
  const data = 20;
  if (chunk === 'VP8 ') {
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], data + 3)) return UNSUPPORTED;
    return sized('webp', view.getUint16(data + 6, true) & 0x3fff, view.getUint16(data + 8, true) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (bytes[data] !== 0x2f) return UNSUPPORTED;
    const bits = view.getUint32(data + 1, true);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    const width = (view.getUint32(data + 4, true) & 0xffffff) + 1;
    const height = (view.getUint32(data + 7, true) & 0xffffff) + 1;
    return sized('webp', width, height);
  }
  return UNSUPPORTED;
}

/**
 * What `bytes` are: a JPEG, PNG or WebP with its dimensions, or why not.
 *
 * @example
 * ```ts
 * const probe = probePicture(bytes);
 * if (probe.ok && probe.width * probe.height <= maxPixels) store(bytes, probe.format);
 * ```
 */
export function probePicture(bytes: Uint8Array): PictureProbe {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, PNG_SIGNATURE)) return probePng(bytes, view);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return probeJpeg(bytes, view);
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return probeWebp(bytes, view);
  }
  // Too short to tell, but the start of one of the three: a cut-off upload.
  const cutShort =
    bytes.length < 12 &&
    [PNG_SIGNATURE, [0xff, 0xd8, 0xff], RIFF].some((signature) => opensLike(bytes, signature));
  return cutShort ? TRUNCATED : UNSUPPORTED;
}
