/**
 * @module The media types a JSON route reads: `application/json` and `application/<name>+json`,
 * parameters (`; charset=utf-8`) and case ignored. A browser can send `text/plain`,
 * `application/x-www-form-urlencoded` or `multipart/form-data` cross-site without a CORS
 * preflight, cookies included; none of these is accepted, so a form on another site cannot post
 * to a JSON route.
 */

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/;

/**
 * Whether a `Content-Type` header names JSON.
 *
 * @example
 * ```ts
 * isJsonMediaType('application/json; charset=utf-8'); // true
 * isJsonMediaType('text/plain'); // false
 * ```
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return JSON_MEDIA_TYPE.test(mediaType);
}
