/**
 * @module The frame of the console page: language, title, viewport, the stylesheet, a skip link,
 * a header with the signed-in person's links to Flowless (account, sign-out), the content, and a
 * few lines of script that carry the answer's CSP nonce.
 */
import type { Child } from 'hono/jsx';

/** Path of the console's stylesheet. */
export const CONSOLE_CSS_PATH = '/console.css';

// Asks before a delete; the form works without it.
const CONFIRM_SCRIPT =
  "for (const form of document.querySelectorAll('form[data-confirm]')) form.addEventListener('submit', (event) => { if (!confirm(form.dataset.confirm)) event.preventDefault(); });";

/** What {@link ConsoleLayout} draws around the page. */
export interface ConsoleLayoutProps {
  title: string;
  nonce: string;
  /** Base URL of Flowless's hosted pages. */
  flowless: string;
  signedIn: boolean;
  children?: Child;
}

/**
 * The page frame.
 */
export function ConsoleLayout(props: ConsoleLayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Not no-referrer: under it a browser sends `Origin: null` with a form post (here and the sign-out to
            Flowless), which the CSRF checks refuse. */}
        <meta name="referrer" content="strict-origin" />
        <title>{`${props.title} · Flowfull starter`}</title>
        <link rel="stylesheet" href={CONSOLE_CSS_PATH} />
      </head>
      <body>
        <a class="skip-link" href="#content">
          Skip to content
        </a>
        <header>
          <strong>Flowfull starter</strong>
          {props.signedIn ? (
            <nav aria-label="Main">
              <a href={`${props.flowless}/account`}>Account</a>
              <form method="post" action={`${props.flowless}/sign-out`}>
                <button type="submit" class="link" id="sign-out">
                  Sign out
                </button>
              </form>
            </nav>
          ) : null}
        </header>
        <main id="content">{props.children}</main>
        <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: CONFIRM_SCRIPT }} />
      </body>
    </html>
  );
}
