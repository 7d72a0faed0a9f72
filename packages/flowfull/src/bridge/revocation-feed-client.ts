/**
 * @module The validator's revocation subscription without Redis: Flowless's
 * `GET /auth/bridge/revocations` event stream, read over `node:http(s)` and parsed by
 * {@link eventStreamParser}. It resumes with `Last-Event-ID`, reconnects with exponential backoff and
 * jitter, treats a silent connection (no heartbeat) as lost, and never keeps the process alive.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { eventStreamParser, type StreamEvent } from './event-stream-parser.js';
import { type BridgeLogger, errorFields } from './logger.js';
import { readyWithin } from './ready-within.js';
import { parseRevocationMessage } from './revocation.js';
import type { RevocationSource, RevocationSourceEvents } from './revocation-source.js';

/** How far before its start a client asks for revocations on its first connection, in ms. */
const CLOCK_SKEW_MARGIN_MS = 5000;

/** The feed's path on Flowless. */
export const REVOCATION_FEED_PATH = '/auth/bridge/revocations';

/** Options of {@link RevocationFeedClient}. */
export interface RevocationFeedClientOptions extends RevocationSourceEvents {
  /** Full URL of the feed, e.g. `http://localhost:3000/auth/bridge/revocations`. */
  url: string;
  /** Sent as `X-Bridge-Secret`. */
  secret: string;
  logger: BridgeLogger;
  /** First reconnect wait, in ms; doubles per failed attempt. @default 250 */
  initialBackoffMs?: number;
  /** Longest reconnect wait, in ms. @default 10_000 */
  maxBackoffMs?: number;
  /** A connection silent this long (no event, no heartbeat) is dropped and reopened, in ms. @default 45_000 */
  idleTimeoutMs?: number;
  /** Source of jitter in [0, 1). @default Math.random */
  random?: () => number;
  /** Clock in ms (the first connection asks for revocations since the client was created). @default Date.now */
  now?: () => number;
}

/**
 * Subscribes to the Flowless revocation feed until closed.
 */
export class RevocationFeedClient implements RevocationSource {
  readonly #o: RevocationFeedClientOptions;
  readonly #url: URL;
  readonly #firstReady: Promise<void>;
  #markReady: () => void = () => undefined;
  readonly #startedAt: number;
  #lastEventId: string | null = null;
  #connected = false;
  #failures = 0;
  #reported = false;
  #closed = false;
  #timer: NodeJS.Timeout | undefined;
  #abort: (() => void) | null = null;

  constructor(options: RevocationFeedClientOptions) {
    this.#o = options;
    this.#url = new URL(options.url);
    this.#startedAt = (options.now ?? Date.now)();
    if (this.#url.protocol !== 'http:' && this.#url.protocol !== 'https:')
      throw new TypeError('RevocationFeedClient: option "url" must be http(s)');
    this.#firstReady = new Promise((resolve) => {
      this.#markReady = resolve;
    });
    this.#connect();
  }

  /** Whether the feed is connected and caught up right now. */
  get subscribed(): boolean {
    return this.#connected;
  }

  /** Resolves true once the feed is connected and caught up, or false when `timeoutMs` passes first. */
  async ready(timeoutMs: number): Promise<boolean> {
    if (this.#connected) return true;
    return readyWithin(this.#firstReady, timeoutMs);
  }

  /** Stops reconnecting and closes the stream. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#abort?.();
    this.#setConnected(false);
  }

  #connect(): void {
    if (this.#closed) return;
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      'x-bridge-secret': this.#o.secret,
    };
    const url = new URL(this.#url);
    // Resume after the last event seen; before the first one, ask for what was revoked since this
    // client started (less a margin for clock skew), so nothing validated meanwhile is missed.
    if (this.#lastEventId !== null) headers['last-event-id'] = this.#lastEventId;
    else url.searchParams.set('since', String(Math.max(0, this.#startedAt - CLOCK_SKEW_MARGIN_MS)));
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers,
      agent: false,
    });
    let ended = false;
    const end = (reason: string, error?: unknown, longWait = false): void => {
      if (ended) return;
      ended = true;
      this.#abort = null;
      request.destroy();
      this.#lost(reason, error, longWait);
    };
    this.#abort = () => {
      ended = true;
      request.destroy();
    };
    request.on('socket', (socket) => {
      // The subscription must not keep a process alive that has nothing else to do.
      socket.unref();
      socket.setTimeout(this.#o.idleTimeoutMs ?? 45_000, () => end('no heartbeat'));
    });
    request.on('error', (error) => end('connection failed', error));
    request.on('response', (response) => {
      const type = response.headers['content-type'] ?? '';
      if (response.statusCode !== 200 || !type.startsWith('text/event-stream')) {
        response.resume();
        // 401/404 will not fix themselves quickly: wait the longest.
        end(`answered ${response.statusCode}`, undefined, true);
        return;
      }
      const feed = eventStreamParser((event) => this.#onEvent(event));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => feed(chunk));
      response.on('end', () => end('stream ended'));
      response.on('error', (error) => end('stream failed', error));
    });
    request.end();
  }

  #onEvent(event: StreamEvent): void {
    if (event.id !== undefined && event.id !== '') this.#lastEventId = event.id;
    if (event.event === 'revocation') {
      const message = parseRevocationMessage(event.data);
      if (message !== null) this.#o.onRevocation(message);
    } else if (event.event === 'resync') {
      this.#o.onResync();
    } else if (event.event === 'ready') {
      this.#failures = 0;
      if (this.#reported) this.#o.logger.warn({}, 'bridge revocation feed restored');
      this.#reported = false;
      this.#setConnected(true);
      this.#markReady();
    }
  }

  #lost(reason: string, error: unknown, longWait: boolean): void {
    this.#setConnected(false);
    if (this.#closed) return;
    if (!this.#reported) {
      this.#reported = true;
      this.#o.logger.warn(
        error === undefined ? { reason } : { reason, err: errorFields(error) },
        'bridge revocation feed lost; cached validations older than the loss are re-checked until it is back',
      );
    }
    const max = this.#o.maxBackoffMs ?? 10_000;
    const wait = longWait ? max : Math.min(max, (this.#o.initialBackoffMs ?? 250) * 2 ** this.#failures);
    this.#failures++;
    const jittered = wait * (0.5 + 0.5 * (this.#o.random ?? Math.random)());
    this.#timer = setTimeout(() => this.#connect(), jittered);
    this.#timer.unref();
  }

  #setConnected(connected: boolean): void {
    if (this.#connected === connected) return;
    this.#connected = connected;
    this.#o.onConnection(connected);
  }
}
