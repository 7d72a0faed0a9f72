/**
 * @module `GET /auth/bridge/revocations`: the revocation feed as Server-Sent Events, for Flowfull
 * backends that have no Redis. Each `revocation` event carries the Redis channel's JSON message and
 * the outbox row id as its SSE id; `Last-Event-ID` resumes after a reconnect, `?since=<epoch ms>`
 * starts a first connection with what was revoked since then; `resync` tells the
 * client that events it missed are gone (it must drop its cache); `ready` marks the end of the
 * replay; a comment line every heartbeat keeps proxies and the client's idle check satisfied.
 */
import type { Hono } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { RevocationFeed } from '../../revocations/revocation-feed.js';
import type { RevocationEvent } from '../../revocations/revocation-log.js';
import { secretMatcher } from '../../secrets/opaque-secret.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { assertBridgeSecret } from './bridge-secret.js';

/** Options of {@link registerRevocationFeedRoute}. */
export interface RevocationFeedRouteOptions {
  /** Interval of the heartbeat comment, in ms. @default 15_000 */
  heartbeatMs?: number;
  /** Resolves when the server shuts down: open streams end then. */
  closing: Promise<void>;
}

const FEED_NUMBER = /^\d{1,15}$/;

/** Where a stream starts: after an event id, from a time, or at the head. */
type StreamStart = { readonly after?: number; readonly since?: number };

/**
 * Registers the feed route.
 */
export function registerRevocationFeedRoute(
  app: Hono<FlowlessEnv>,
  services: FlowlessServices,
  feed: RevocationFeed,
  options: RevocationFeedRouteOptions,
): void {
  const isBridgeSecret = secretMatcher(services.config.BRIDGE_VALIDATION_SECRET);
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  app.get('/auth/bridge/revocations', (c) => {
    assertBridgeSecret(c, {}, isBridgeSecret);
    const raw = c.req.header('last-event-id') ?? c.req.query('last_event_id');
    if (raw !== undefined && raw !== '' && !FEED_NUMBER.test(raw)) {
      throw new FlowlessError('ERR_FLOWLESS_BAD_REQUEST', 'Last-Event-ID must be a revocation event id', {
        status: 400,
      });
    }
    const rawSince = c.req.query('since');
    if (rawSince !== undefined && !FEED_NUMBER.test(rawSince)) {
      throw new FlowlessError('ERR_FLOWLESS_BAD_REQUEST', 'since must be a time in epoch milliseconds', {
        status: 400,
      });
    }
    const start: StreamStart =
      raw !== undefined && raw !== ''
        ? { after: Number(raw) }
        : rawSince !== undefined
          ? { since: Number(rawSince) }
          : {};
    return streamSSE(c, (stream) => runStream(stream, feed, start, heartbeatMs, options.closing));
  });
}

async function runStream(
  stream: SSEStreamingApi,
  feed: RevocationFeed,
  start: StreamStart,
  heartbeatMs: number,
  closing: Promise<void>,
): Promise<void> {
  // Subscribe before reading the replay so nothing committed meanwhile falls between the two.
  const queued: RevocationEvent[] = [];
  let live = false;
  // Writes go out one after another; a failed write means the client left (onAbort ends the stream).
  let writing = Promise.resolve();
  const enqueue = (write: () => Promise<unknown>): void => {
    writing = writing.then(write).then(
      () => undefined,
      () => undefined,
    );
  };
  const send = (event: RevocationEvent): void =>
    enqueue(() =>
      stream.writeSSE({ event: 'revocation', id: String(event.id), data: JSON.stringify(event.message) }),
    );
  const unsubscribe = feed.subscribe((event) => (live ? send(event) : queued.push(event)));
  const ended = new Promise<void>((resolve) => stream.onAbort(resolve));
  const heartbeat = setInterval(() => enqueue(() => stream.write(': heartbeat\n\n')), heartbeatMs);
  heartbeat.unref();
  try {
    if (start.after === undefined && start.since === undefined) {
      await stream.writeSSE({ event: 'ready', id: String(feed.cursor), data: '{}' });
    } else {
      const replay =
        start.after !== undefined ? await feed.replay(start.after) : await feed.replaySince(start.since ?? 0);
      if (replay.resync) {
        await stream.writeSSE({ event: 'resync', id: String(feed.cursor), data: '{}' });
      } else {
        for (const event of replay.events) send(event);
      }
      await writing;
      // A stream started from a time has no cursor yet: the head gives it one.
      await stream.writeSSE({
        event: 'ready',
        ...(start.after === undefined ? { id: String(feed.cursor) } : {}),
        data: '{}',
      });
    }
    live = true;
    for (const event of queued.splice(0)) send(event);
    await Promise.race([ended, closing]);
  } finally {
    clearInterval(heartbeat);
    unsubscribe();
  }
}
