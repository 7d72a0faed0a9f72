/**
 * @module The revocation feed's hub: tails `revocation_events` and hands each new event to the
 * subscribed streams. Every instance tails the table, so revocations made on another instance
 * reach this one's subscribers within a poll; one made here is pushed at once (`poke`).
 *
 * Ids are generated when a row is inserted but become visible when its transaction commits, so a
 * lower id can appear after a higher one. The tail remembers the ids it skipped ("gaps") for a
 * while and looks for them again; subscribers may see an event twice, which is harmless since
 * applying a revocation is idempotent.
 */
import type { Logger } from '../runtime/logger.js';
import type { RevocationEvent, RevocationLog } from './revocation-log.js';

/** Receives events in the order the tail found them. */
export type RevocationListener = (event: RevocationEvent) => void;

/** Options of {@link RevocationFeed}. */
export interface RevocationFeedOptions {
  log: RevocationLog;
  /** How often the table is read for events written elsewhere, in ms. */
  pollMs: number;
  /** How long events are kept, in ms; older ones are purged and a cursor behind them must resync. */
  retentionMs: number;
  /** How long a skipped id is looked for again, in ms. @default 60_000 */
  gapWindowMs?: number;
  /** Events read per query and replayed at most on a resume. @default 1000 / 10_000 */
  batch?: number;
  replayLimit?: number;
  now: () => number;
  logger: Logger;
}

/** What a stream resuming after `lastId` must send: the missed events, or a resync. */
export type Replay =
  | { readonly resync: true }
  | { readonly resync: false; readonly events: RevocationEvent[] };

/**
 * The hub. `start()` sets the cursor at the table's newest row; events from then on reach every
 * subscriber.
 */
export class RevocationFeed {
  readonly #o: Required<RevocationFeedOptions>;
  readonly #listeners = new Set<RevocationListener>();
  /** Skipped ids and when they were skipped. */
  readonly #gaps = new Map<number, number>();
  #cursor = 0;
  #timer: NodeJS.Timeout | undefined;
  #tailing: Promise<void> | null = null;
  #again = false;
  #lastPurge = 0;
  #failing = false;
  #closed = false;

  constructor(options: RevocationFeedOptions) {
    this.#o = { gapWindowMs: 60_000, batch: 1000, replayLimit: 10_000, ...options };
  }

  /** The highest id the tail has handed out. */
  get cursor(): number {
    return this.#cursor;
  }

  /** Places the cursor at the newest stored event and starts polling. */
  async start(): Promise<void> {
    const { newest } = await this.#o.log.bounds();
    this.#cursor = newest ?? 0;
    this.#schedule();
  }

  /** Adds a listener; returns its removal. */
  subscribe(listener: RevocationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the table now (a revocation was just committed here). Resolves when the read is done. */
  poke(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#tailing !== null) {
      this.#again = true;
      return this.#tailing;
    }
    this.#tailing = this.#tail().finally(() => {
      this.#tailing = null;
      if (this.#again && !this.#closed) {
        this.#again = false;
        void this.poke();
      }
    });
    return this.#tailing;
  }

  /**
   * What a stream that last saw `lastId` missed. A resync when the events after it were purged,
   * when `lastId` is ahead of the table (another database) or when more than the replay limit
   * were missed.
   */
  async replay(lastId: number): Promise<Replay> {
    const { oldest, newest } = await this.#o.log.bounds();
    if (newest === null) return lastId > 0 ? { resync: true } : { resync: false, events: [] };
    if (lastId > newest || (oldest !== null && lastId < oldest - 1)) return { resync: true };
    const events = await this.#o.log.after(lastId, this.#o.replayLimit + 1);
    return events.length > this.#o.replayLimit ? { resync: true } : { resync: false, events };
  }

  /**
   * What a stream opened without a cursor missed since `at` (epoch ms): the events written since,
   * or a resync when there are more than the replay limit or `at` is older than the retention.
   */
  async replaySince(at: number): Promise<Replay> {
    if (at < this.#o.now() - this.#o.retentionMs) return { resync: true };
    const events = await this.#o.log.since(at, this.#o.replayLimit + 1);
    return events.length > this.#o.replayLimit ? { resync: true } : { resync: false, events };
  }

  /** Stops polling and drops every listener. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#listeners.clear();
  }

  #schedule(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      void this.poke().finally(() => this.#schedule());
    }, this.#o.pollMs);
    this.#timer.unref();
  }

  async #tail(): Promise<void> {
    const { log, batch, logger } = this.#o;
    try {
      this.#expireGaps();
      const late = await log.byIds([...this.#gaps.keys()]);
      for (const event of late) {
        this.#gaps.delete(event.id);
        this.#emit(event);
      }
      for (;;) {
        const events = await log.after(this.#cursor, batch);
        for (const event of events) this.#advance(event);
        if (events.length < batch) break;
      }
      await this.#purgeIfDue();
      if (this.#failing) logger.warn({}, 'revocation feed reads the table again');
      this.#failing = false;
    } catch (error) {
      // Once per outage: the tail retries every poll.
      if (!this.#failing) {
        const err = error instanceof Error ? error.message : String(error);
        logger.warn({ err }, 'revocation feed read failed');
      }
      this.#failing = true;
    }
  }

  #advance(event: RevocationEvent): void {
    if (event.id <= this.#cursor) return;
    const now = this.#o.now();
    // Bounded: a burst of rolled-back inserts cannot grow the gap list without limit.
    for (let id = this.#cursor + 1; id < event.id && this.#gaps.size < 10_000; id++) this.#gaps.set(id, now);
    this.#cursor = event.id;
    this.#emit(event);
  }

  #emit(event: RevocationEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #expireGaps(): void {
    const horizon = this.#o.now() - this.#o.gapWindowMs;
    for (const [id, at] of this.#gaps) if (at < horizon) this.#gaps.delete(id);
  }

  async #purgeIfDue(): Promise<void> {
    const now = this.#o.now();
    const every = Math.min(this.#o.retentionMs, 60_000);
    if (now - this.#lastPurge < every) return;
    this.#lastPurge = now;
    const before = now - this.#o.retentionMs;
    while ((await this.#o.log.purge(before, this.#o.batch)) === this.#o.batch && !this.#closed) {
      // Bounded batches: each round deletes at most `batch` rows.
    }
  }
}
