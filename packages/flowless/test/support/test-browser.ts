/**
 * @module A minimal browser for end-to-end social-login tests: a cookie jar per host, redirects
 * followed one hop at a time, and HTML forms submitted as `application/x-www-form-urlencoded`.
 * Requests to the Flowless origin go to the app in-process (`app.request`); every other origin
 * over real HTTP (the providers listen on 127.0.0.1).
 */
import type { Hono } from 'hono';

/** The page a navigation ended on. */
export interface Page {
  readonly url: URL;
  readonly status: number;
  readonly body: string;
  readonly headers: Headers;
}

/** Options of {@link TestBrowser}. */
export interface TestBrowserOptions {
  /** Origin served by `app` (e.g. `http://flowless.test`). */
  readonly appOrigin: string;
  readonly app: Pick<Hono, 'request'>;
  /** Origins whose pages are not loaded (the front end): navigation ends on the first URL there. */
  readonly stopOrigins?: readonly string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A cookie-keeping client that follows redirects and submits forms. */
export class TestBrowser {
  readonly #options: TestBrowserOptions;
  readonly #jar = new Map<string, Map<string, string>>();

  constructor(options: TestBrowserOptions) {
    this.#options = options;
  }

  /** The cookie `name` this browser holds for `origin`'s host. */
  cookie(origin: string, name: string): string | undefined {
    return this.#jar.get(new URL(origin).host)?.get(name);
  }

  /** Sets a cookie for `origin`'s host (to replay or forge one). */
  setCookie(origin: string, name: string, value: string): void {
    const host = new URL(origin).host;
    const cookies = this.#jar.get(host) ?? new Map<string, string>();
    cookies.set(name, value);
    this.#jar.set(host, cookies);
  }

  /** One request, no redirect followed; cookies sent and stored. */
  async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    const headers = new Headers();
    const cookies = this.#jar.get(url.host);
    if (cookies && cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    let body: string | undefined;
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    }
    const requestInit = { method: init.method ?? 'GET', headers, ...(body !== undefined && { body }) };
    const response =
      url.origin === this.#options.appOrigin
        ? await this.#options.app.request(`${url.pathname}${url.search}`, requestInit)
        : await fetch(url, { ...requestInit, redirect: 'manual' });
    this.#store(url.host, response.headers.getSetCookie());
    return { url, status: response.status, body: await response.text(), headers: response.headers };
  }

  /**
   * Follows redirects from `url` until a page that is not a redirect, a URL on a stop origin, or
   * a URL `stopAt` accepts (returned without being loaded: status 0).
   */
  async navigate(
    start: URL | string,
    init: { method?: string; form?: Record<string, string>; stopAt?: (url: URL) => boolean } = {},
  ): Promise<Page> {
    let url = new URL(start);
    let request: { method?: string; form?: Record<string, string> } = init;
    for (let hop = 0; hop < 20; hop += 1) {
      if (hop > 0 && (init.stopAt?.(url) || this.#options.stopOrigins?.includes(url.origin))) {
        return { url, status: 0, body: '', headers: new Headers() };
      }
      const page = await this.request(url, request);
      const location = page.headers.get('location');
      if (!REDIRECTS.has(page.status) || !location) return page;
      url = new URL(location, url);
      request = {};
    }
    throw new Error('too many redirects');
  }

  /** Submits the first form of `page` whose action contains `actionPart`, with its hidden inputs plus `fields`. */
  async submit(page: Page, fields: Record<string, string>, stopAt?: (url: URL) => boolean): Promise<Page> {
    const forms = [...page.body.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms[0];
    if (!form?.[1]) throw new Error(`no form on ${page.url}: ${page.body.slice(0, 200)}`);
    const hidden: Record<string, string> = {};
    for (const input of (form[2] ?? '').matchAll(
      /<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g,
    )) {
      if (input[1]) hidden[input[1]] = input[2] ?? '';
    }
    return this.navigate(new URL(form[1].replaceAll('&amp;', '&'), page.url), {
      method: 'POST',
      form: { ...hidden, ...fields },
      ...(stopAt && { stopAt }),
    });
  }

  #store(host: string, setCookies: string[]): void {
    const cookies = this.#jar.get(host) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at < 1) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', raw = ''] = attribute.split('=');
        const lower = key.trim().toLowerCase();
        return (
          (lower === 'max-age' && Number(raw) <= 0) || (lower === 'expires' && Date.parse(raw) <= Date.now())
        );
      });
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.#jar.set(host, cookies);
  }
}
