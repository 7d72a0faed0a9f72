/**
 * @module Cross-instance invalidation over Redis pub/sub: a write or delete on one instance makes
 * every other instance drop its L1 copy. A dedicated subscriber connection is health-checked; the
 * cache is told the moment the subscription is lost (stop trusting L1) and when it is back (flush).
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { withTimeout } from './timeout.js';

/** What an invalidation names: some keys, or every key under a prefix (`''` = all). */
export type Invalidation =
  | { readonly keys: readonly string[]; readonly generations?: readonly number[] }
  | { readonly prefix: string };

/** Counters of a bus, reported by `HybridCache.metrics()`. */
export interface BusCounters {
  /** Invalidations this instance published. */
  published: number;
  /** Invalidations received from other instances and applied. */
  received: number;
  /** Messages that failed to publish (the publishing call counted a fault too). */
  publishFailures: number;
  /** Times the subscription was (re)established and L1 flushed because messages may have been lost. */
  resyncs: number;
  /** Times the subscription was lost (connection closed, or a ping or SUBSCRIBE unanswered). */
  losses: number;
  /** Whether the subscription is currently up. */
  subscribed: boolean;
}

/** Options of {@link InvalidationBus}. */
export interface InvalidationBusOptions {
  /** Connection used to PUBLISH (the cache's command connection). */
  publisher: Pick<Redis, 'publish'>;
  /** Dedicated connection for SUBSCRIBE, owned by the bus (closed by `close()`). */
  subscriber: Redis;
  /** Channel name, shared by every instance of one cache. */
  channel: string;
  /** This instance's id; messages carrying it are our own and ignored. */
  instanceId: string;
  /** Applies an invalidation received from another instance. */
  onInvalidation: (invalidation: Invalidation) => void;
  /**
   * Called the moment the subscription is known lost (once per loss): invalidations may be missed
   * from now on, so L1 must not be trusted until `onResync`.
   */
  onLost: () => void;
  /** Called each time the subscription is (re)established: drop everything that may be stale. */
  onResync: () => void;
  /**
   * Upper bound of a PUBLISH, in ms.
   * @default 50
   */
  timeoutMs?: number;
  /**
   * Interval of the subscriber's PING, in ms. A ping (or a SUBSCRIBE) unanswered within
   * max(4 × timeoutMs, 500 ms) counts as a lost subscription, so a stalled subscriber is detected
   * within `heartbeatMs + max(4 × timeoutMs, 500 ms)`.
   * @default 1000
   */
  heartbeatMs?: number;
}

const Message = z.union([
  z.object({ i: z.string(), k: z.array(z.string()), g: z.array(z.number()).optional() }),
  z.object({ i: z.string(), p: z.string() }),
]);

/**
 * The Redis pub/sub invalidation bus.
 */
export class InvalidationBus {
  readonly #options: InvalidationBusOptions;
  readonly #timeoutMs: number;
  readonly #answerMs: number;
  readonly #heartbeat: NodeJS.Timeout;
  readonly counters: BusCounters = {
    published: 0,
    received: 0,
    publishFailures: 0,
    resyncs: 0,
    losses: 0,
    subscribed: false,
  };
  #closed = false;
  /** Bumped on every subscription, so a ping sent on an earlier connection cannot condemn this one. */
  #epoch = 0;
  #subscribedOnce: Promise<void>;
  #markSubscribed: () => void = () => undefined;

  constructor(options: InvalidationBusOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 50;
    this.#answerMs = Math.max(this.#timeoutMs * 4, 500);
    this.#subscribedOnce = new Promise((resolve) => {
      this.#markSubscribed = resolve;
    });
    const { subscriber } = options;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, text: string) => this.#receive(channel, text));
    subscriber.on('close', () => this.#lose());
    subscriber.on('end', () => this.#lose());
    subscriber.on('ready', () => void this.#subscribe());
    if (subscriber.status === 'ready') void this.#subscribe();
    this.#heartbeat = setInterval(() => void this.#ping(), options.heartbeatMs ?? 1000);
    this.#heartbeat.unref();
  }

  /** Resolves once the first subscription is up, or false after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<boolean> {
    if (this.counters.subscribed) return true;
    return withTimeout(this.#subscribedOnce, timeoutMs, 'subscribe').then(
      () => true,
      () => false,
    );
  }

  /** Publishes an invalidation to the other instances; rejects on fault. */
  async publish(invalidation: Invalidation): Promise<void> {
    const body =
      'keys' in invalidation
        ? { k: invalidation.keys, g: invalidation.generations }
        : { p: invalidation.prefix };
    const message = JSON.stringify({ i: this.#options.instanceId, ...body });
    try {
      await withTimeout(
        this.#options.publisher.publish(this.#options.channel, message),
        this.#timeoutMs,
        'publish',
      );
      this.counters.published++;
    } catch (error) {
      this.counters.publishFailures++;
      throw error;
    }
  }

  /** Stops the heartbeat and closes the subscriber connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.counters.subscribed = false;
    clearInterval(this.#heartbeat);
    this.#options.subscriber.disconnect();
  }

  async #subscribe(): Promise<void> {
    if (this.#closed) return;
    const { subscriber } = this.#options;
    try {
      await withTimeout(subscriber.subscribe(this.#options.channel), this.#answerMs, 'subscribe');
    } catch {
      // Dropped again (the next 'ready' retries) or stalled: only a fresh connection gets out of that.
      if (!this.#closed && subscriber.status === 'ready') subscriber.disconnect(true);
      return;
    }
    if (this.#closed) return;
    // Subscribe first, then resync: an invalidation sent after the flush is sure to arrive.
    this.#epoch++;
    this.counters.subscribed = true;
    this.counters.resyncs++;
    this.#options.onResync();
    this.#markSubscribed();
  }

  async #ping(): Promise<void> {
    const { subscriber } = this.#options;
    if (this.#closed || !this.counters.subscribed) return;
    const epoch = this.#epoch;
    try {
      await withTimeout(subscriber.ping(), this.#answerMs, 'ping');
    } catch {
      // A stalled connection delivers no messages and no error: treat it as lost and reconnect.
      if (this.#closed || epoch !== this.#epoch) return;
      this.#lose();
      subscriber.disconnect(true);
    }
  }

  /** Marks the subscription lost and tells the cache, once per loss. */
  #lose(): void {
    if (!this.counters.subscribed || this.#closed) return;
    this.counters.subscribed = false;
    this.counters.losses++;
    this.#options.onLost();
  }

  #receive(channel: string, text: string): void {
    if (channel !== this.#options.channel) return;
    let message: z.infer<typeof Message>;
    try {
      message = Message.parse(JSON.parse(text));
    } catch {
      return;
    }
    if (message.i === this.#options.instanceId) return;
    this.counters.received++;
    if ('k' in message) {
      this.#options.onInvalidation(
        message.g ? { keys: message.k, generations: message.g } : { keys: message.k },
      );
    } else {
      this.#options.onInvalidation({ prefix: message.p });
    }
  }
}
