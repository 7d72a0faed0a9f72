/**
 * @module A hostile site for the CSRF suites: `GET /attack?action=<url>&<field>=<value>…` answers a
 * page whose form posts those fields to `action` on load (a person only has to open the page).
 * With `referrer=none` the page sets `no-referrer`, under which the browser sends `Origin: null`,
 * the other way a foreign page may try to slip past an origin check.
 */
import { type RunningServer, serve } from 'flowfull/server';
import { Hono } from 'hono';
import { html } from 'hono/html';

/** The attacker's app. */
export function attackerSite(): Hono {
  const app = new Hono();
  app.get('/attack', (c) => {
    const { action = '', referrer, ...fields } = c.req.query();
    const policy = referrer === 'none' ? html`<meta name="referrer" content="no-referrer">` : '';
    const inputs = Object.entries(fields).map(
      ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
    );
    return c.html(
      html`<!doctype html><html lang="en"><head><meta charset="utf-8">${policy}<title>You won a prize</title></head>
<body><main><h1>You won a prize</h1><form method="post" action="${action}">${inputs}</form>
<script>document.forms[0].submit();</script></main></body></html>`,
    );
  });
  return app;
}

/** Serves {@link attackerSite} on 127.0.0.1 (a free port); close it after the suite. */
export function serveAttackerSite(): Promise<RunningServer> {
  return serve(attackerSite(), { port: 0, hostname: '127.0.0.1', signals: [] });
}

/** The attack page's URL on `origin`, posting `fields` to `action`. */
export function attackUrl(
  origin: string,
  action: string,
  fields: Record<string, string>,
  options: { noReferrer?: boolean } = {},
): string {
  const query = new URLSearchParams({
    action,
    ...fields,
    ...(options.noReferrer ? { referrer: 'none' } : {}),
  });
  return `${origin}/attack?${query}`;
}
