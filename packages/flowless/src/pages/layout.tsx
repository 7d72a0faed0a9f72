/**
 * @module The frame of every hosted page: language, title, viewport, the stylesheet, a skip link,
 * a header with the navigation of the signed-in person (and sign-out), the content, and the
 * page's scripts, each with the answer's nonce.
 */
import { isAdminUserType } from 'flowfull/middleware';
import type { Child } from 'hono/jsx';
import type { SessionRecord } from '../sessions/session-record.js';
import type { PageAssetName, PageAssets } from './page-assets.js';

/** What {@link Layout} draws around a page. */
export interface LayoutProps {
  /** The page's own title; the document title is "<title> · Flowless". */
  title: string;
  assets: PageAssets;
  nonce: string;
  viewer: SessionRecord | null;
  /** A narrow single-column page (the sign-in forms). @default false */
  narrow?: boolean;
  /** Scripts besides `pages.js`, e.g. `webauthn.js` for passkeys. */
  scripts?: readonly PageAssetName[];
  /** Inline script, sent with the nonce (keep it to a few lines). */
  inlineScript?: string;
  children?: Child;
}

function Header({ viewer }: { viewer: SessionRecord | null }) {
  return (
    <header class="site-header">
      <a class="brand" href="/">
        Flowless
      </a>
      {viewer ? (
        <nav aria-label="Main">
          <a href="/account">Account</a>
          {isAdminUserType(viewer.user.userType) ? <a href="/admin">Admin</a> : null}
          <form method="post" action="/sign-out">
            <button type="submit" class="link">
              Sign out
            </button>
          </form>
        </nav>
      ) : (
        <nav aria-label="Main">
          <a href="/sign-in">Sign in</a>
          <a href="/sign-up">Create account</a>
        </nav>
      )}
    </header>
  );
}

/**
 * The page frame.
 */
export function Layout(props: LayoutProps) {
  const scripts: PageAssetName[] = [...(props.scripts ?? []), 'pages.js'];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Not no-referrer: under it a browser sends `Origin: null` with a form post, which the CSRF check refuses. */}
        <meta name="referrer" content="same-origin" />
        <title>{`${props.title} · Flowless`}</title>
        <link rel="stylesheet" href={props.assets['pages.css'].path} />
      </head>
      <body>
        <a class="skip-link" href="#content">
          Skip to content
        </a>
        <Header viewer={props.viewer} />
        <main id="content" class={props.narrow ? 'narrow' : undefined}>
          {props.children}
        </main>
        {scripts.map((name) => (
          <script src={props.assets[name].path} nonce={props.nonce} defer />
        ))}
        {props.inlineScript ? (
          <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: props.inlineScript }} />
        ) : null}
      </body>
    </html>
  );
}
