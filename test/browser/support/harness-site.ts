/**
 * @module The small site the harness suite drives: a page with a form field nobody labelled (an
 * accessibility violation axe must find), and a clean page sent with the hosted pages' strict
 * nonce Content-Security-Policy, carrying one script with the nonce and one without (which the
 * policy must block).
 */
import { pageSecurity, type RunningServer, serve } from 'flowfull/server';
import { Hono } from 'hono';

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

/** The harness site's app. */
export function harnessSite(): Hono {
  const app = new Hono();
  app.get('/unlabelled', (c) => c.html(page('Unlabelled field', '<input type="text" name="query">')));
  app.get('/strict', pageSecurity([]), (c) =>
    c.html(
      page(
        'Strict page',
        '<label for="query">Query</label><input id="query" name="query" type="text">' +
          `<script nonce="${c.get('cspNonce')}">document.body.dataset.nonced = 'ran';</script>` +
          "<script>document.body.dataset.unnonced = 'ran';</script>",
      ),
    ),
  );
  return app;
}

/** Serves {@link harnessSite} on 127.0.0.1 (a free port); close it after the suite. */
export function serveHarnessSite(): Promise<RunningServer> {
  return serve(harnessSite(), { port: 0, hostname: '127.0.0.1', signals: [] });
}
