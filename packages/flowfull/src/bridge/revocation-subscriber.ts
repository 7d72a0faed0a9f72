/**
 * @module The validator's revocation subscription: a dedicated Redis connection with its own
 * options (offline queue on, reconnecting for ever, no automatic resubscription), subscribed on
 * every `ready`, with connection faults logged once per outage instead of thrown.
 */
import type { Redis } from 'ioredis';
import { type BridgeLogger, errorFields } from './logger.js';
import { readyWithin } from './ready-within.js';
import { parseRevocationMessage } from './revocation.js';
import type { RevocationSource, RevocationSourceEvents } from './revocation-source.js';

/**
 * Options of {@link RevocationSubscriber}. `onResync` is called when the subscription comes back
 * after a loss (Redis does not replay what was published meanwhile).
 */
export interface RevocationSubscriberOptions extends RevocationSourceEvents {
  /** Any client of the Redis to listen on; it is duplicated, never used or closed. */
  redis: Redis;
  /** Channel revocations are published on. */
  channel: string;
  /** Where connection faults and resyncs are reported. */
  logger: BridgeLogger;
}

// The caller's client may have been created for fail-fast commands (no offline queue, no retry):
// the subscriber must outlive outages instead, and subscribes itself on each `ready` so that a
// lost subscription is noticed (and local entries dropped) rather than silently restored.
const SUBSCRIBER_OPTIONS = {
  enableOfflineQueue: true,
  autoResubscribe: false,
  lazyConnect: false,
  maxRetriesPerRequest: null,
  retryStrategy: (attempt: number): number => Math.min(attempt * 100, 2000),
} as const;

/**
 * Listens for revocations on its own connection. Messages that are not revocations are ignored.
 */
export class RevocationSubscriber implements RevocationSource {
  readonly #o: RevocationSubscriberOptions;
  readonly #connection: Redis;
  readonly #firstSubscription: Promise<void>;
  #markSubscribed: () => void = () => undefined;
  #subscriptions = 0;
  #subscribed = false;
  #failing = false;
  #closed = false;

  constructor(options: RevocationSubscriberOptions) {
    this.#o = options;
    this.#firstSubscription = new Promise((resolve) => {
      this.#markSubscribed = resolve;
    });
    const connection = options.redis.duplicate(SUBSCRIBER_OPTIONS);
    this.#connection = connection;
    connection.on('error', (error: unknown) => this.#fault(error));
    connection.on('close', () => {
      if (!this.#subscribed) return;
      this.#subscribed = false;
      options.onConnection(false);
    });
    connection.on('message', (channel: string, raw: string) => {
      if (channel !== options.channel) return;
      const message = parseRevocationMessage(raw);
      if (message !== null) options.onRevocation(message);
    });
    connection.on('ready', () => void this.#subscribe());
    if (connection.status === 'ready') void this.#subscribe();
  }

  /** Whether the subscription is up right now. */
  get subscribed(): boolean {
    return this.#subscribed;
  }

  /** Resolves true once subscribed, or false when `timeoutMs` passes first. */
  async ready(timeoutMs: number): Promise<boolean> {
    if (this.#subscribed) return true;
    return readyWithin(this.#firstSubscription, timeoutMs);
  }

  /** Unsubscribes and closes the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#subscribed = false;
    this.#connection.disconnect();
  }

  async #subscribe(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#connection.subscribe(this.#o.channel);
    } catch (error) {
      // The connection dropped again; the next 'ready' retries.
      this.#fault(error);
      return;
    }
    this.#failing = false;
    this.#subscriptions++;
    if (this.#subscriptions > 1) {
      this.#o.onResync();
      this.#o.logger.warn(
        { channel: this.#o.channel },
        'bridge revocation subscription restored; local cache dropped',
      );
    }
    this.#subscribed = true;
    this.#o.onConnection(true);
    this.#markSubscribed();
  }

  #fault(error: unknown): void {
    if (this.#failing || this.#closed) return;
    this.#failing = true;
    this.#o.logger.warn({ err: errorFields(error) }, 'bridge revocation subscriber connection failed');
  }
}
