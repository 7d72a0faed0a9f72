/**
 * @module The static files of the hosted pages: the stylesheet, the small enhancement script and
 * the browser half of passkeys (`@simplewebauthn/browser`'s bundle, served from the installed
 * package, never a CDN). Each is read once at start-up and served under a name that carries its
 * content hash, so browsers may keep it for a year and a new version is a new URL.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { FlowlessEnv } from '../http/flowless-env.js';
import { pageAssetRoute } from './page-router.js';

/** The assets pages can link, by their stable name. */
export type PageAssetName = 'pages.css' | 'pages.js' | 'passkeys.js' | 'webauthn.js';

interface PageAsset {
  readonly path: string;
  readonly body: string;
  readonly contentType: string;
}

/** Where each asset is served: `assets.pages.css` is `/assets/pages-<hash>.css`. */
export type PageAssets = Readonly<Record<PageAssetName, PageAsset>>;

// `assets/` sits beside `src/` and `dist/` in the package, so the same relative path works for both.
const ASSET_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));

function webauthnBundlePath(): string {
  // The package exports only its modules; its browser bundle sits beside them in the package folder.
  const entry = createRequire(import.meta.url).resolve('@simplewebauthn/browser');
  return join(dirname(dirname(entry)), 'dist', 'bundle', 'index.umd.min.js');
}

function asset(name: string, file: string, contentType: string): PageAsset {
  const body = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return { path: `/assets/${name.slice(0, dot)}-${hash}${name.slice(dot)}`, body, contentType };
}

/**
 * Reads the assets and computes their hashed paths.
 *
 * @example
 * ```ts
 * const assets = loadPageAssets();
 * assets['pages.css'].path; // '/assets/pages-1a2b3c4d5e6f.css'
 * ```
 */
export function loadPageAssets(): PageAssets {
  return Object.freeze({
    'pages.css': asset('pages.css', join(ASSET_DIR, 'pages.css'), 'text/css; charset=utf-8'),
    'pages.js': asset('pages.js', join(ASSET_DIR, 'pages.js'), 'text/javascript; charset=utf-8'),
    'passkeys.js': asset('passkeys.js', join(ASSET_DIR, 'passkeys.js'), 'text/javascript; charset=utf-8'),
    'webauthn.js': asset('webauthn.js', webauthnBundlePath(), 'text/javascript; charset=utf-8'),
  });
}

/**
 * Serves each asset at its hashed path, cacheable for a year.
 */
export function registerPageAssets(app: Hono<FlowlessEnv>, assets: PageAssets): void {
  for (const { path, body, contentType } of Object.values(assets)) {
    pageAssetRoute(app, path, (c) =>
      c.body(body, 200, {
        'Content-Type': contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
      }),
    );
  }
}
