/**
 * @module Glob paths of the route-permission table. Hand-written because the rules are three:
 * a trailing `/*` matches the path and everything below it, `*` elsewhere matches one segment,
 * and anything else matches literally.
 */

/** A compiled path pattern, with a specificity used to pick the most specific match. */
export interface PathPattern {
  readonly source: string;
  readonly regex: RegExp;
  /** Number of literal characters: longer literal patterns are more specific. */
  readonly specificity: number;
}

/**
 * Compiles a glob path.
 */
export function compilePathPattern(source: string): PathPattern {
  if (typeof source !== 'string' || !source.startsWith('/')) {
    throw new TypeError(`routePermissions: path "${String(source)}" must start with "/"`);
  }
  const trailing = source.endsWith('/*');
  const body = trailing ? source.slice(0, -2) : source;
  const escaped = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  const regex = new RegExp(`^${escaped}${trailing ? '(?:/.*)?' : '/?'}$`);
  return { source, regex, specificity: source.replaceAll('*', '').length + (trailing ? 0 : 0.5) };
}
