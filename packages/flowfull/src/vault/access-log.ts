/**
 * @module AccessLog: the Session API's access rows (`vault_api_access`: who called which route,
 * with what status; no values, no tokens). By default rows are buffered and written in batches —
 * one multi-row insert per `flushIntervalMs`, or as soon as `maxBatch` rows wait — so a request
 * does not wait for a commit of its own log row (measured in `bench:vault`). The buffer is
 * bounded: past `maxBuffered` rows a request waits for the flush. `flush()` writes what is
 * buffered (the audit route calls it before reading) and `close()` flushes at shutdown. These rows
 * are an access trail, not the admin-read audit: an admin read's audit row is written in the
 * read's own transaction (see admin-read-routes.ts). A crash loses at most one interval of rows.
 */
import type { Insertable, Kysely } from 'kysely';
import type { VaultApiAccessTable, VaultDatabase } from './vault-tables.js';

/** Options of {@link AccessLog}. */
export interface AccessLogOptions {
  /** ms between batch writes; 0 writes each row before the request answers. @default 1000 */
  readonly flushIntervalMs?: number;
  /** Rows that trigger a write at once. @default 500 */
  readonly maxBatch?: number;
  /** Rows buffered at most; beyond, `record()` waits for the write. @default 10_000 */
  readonly maxBuffered?: number;
  /** Called when a batch write fails (its rows are kept for the next one, within `maxBuffered`). @default no-op */
  readonly onError?: (error: unknown, rows: number) => void;
}

type AccessRow = Insertable<VaultApiAccessTable>;

/**
 * Buffers and writes access rows.
 *
 * @example
 * ```ts
 * const log = new AccessLog(db, { flushIntervalMs: 1000 });
 * await log.record({ id, workspace_id, application_id, user_id, method, route, status, created_at });
 * await log.close();
 * ```
 */
export class AccessLog {
  readonly #db: Kysely<VaultDatabase>;
  readonly #options: Required<AccessLogOptions>;
  readonly #timer: NodeJS.Timeout | null;
  #rows: AccessRow[] = [];
  #writing: Promise<void> = Promise.resolve();

  constructor(db: Kysely<VaultDatabase>, options: AccessLogOptions = {}) {
    this.#options = {
      flushIntervalMs: 1000,
      maxBatch: 500,
      maxBuffered: 10_000,
      onError: () => {},
      ...options,
    };
    const { flushIntervalMs, maxBatch, maxBuffered } = this.#options;
    if (!Number.isInteger(flushIntervalMs) || flushIntervalMs < 0) {
      throw new TypeError('AccessLog: flushIntervalMs must be an integer ≥ 0');
    }
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new TypeError('AccessLog: maxBatch must be ≥ 1');
    if (!Number.isInteger(maxBuffered) || maxBuffered < maxBatch) {
      throw new TypeError('AccessLog: maxBuffered must be ≥ maxBatch');
    }
    this.#db = db;
    this.#timer = flushIntervalMs === 0 ? null : setInterval(() => void this.flush(), flushIntervalMs);
    this.#timer?.unref();
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.#rows.length;
  }

  /** Records one row: written now (`flushIntervalMs: 0`), or buffered. */
  async record(row: AccessRow): Promise<void> {
    if (this.#timer === null) {
      await this.#db.insertInto('vault_api_access').values(row).execute();
      return;
    }
    this.#rows.push(row);
    if (this.#rows.length >= this.#options.maxBuffered) await this.flush();
    else if (this.#rows.length >= this.#options.maxBatch) void this.flush();
  }

  /** Writes every buffered row; resolves when they are written (or the write failed and was reported). */
  flush(): Promise<void> {
    // One write at a time, in order: a flush waits for the one in progress, then takes what is left.
    this.#writing = this.#writing.then(() => this.#writeBuffered());
    return this.#writing;
  }

  /** Stops the timer and writes what is buffered. */
  async close(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    await this.flush();
  }

  async #writeBuffered(): Promise<void> {
    while (this.#rows.length > 0) {
      const batch = this.#rows.splice(0, this.#options.maxBatch);
      try {
        await this.#db.insertInto('vault_api_access').values(batch).execute();
      } catch (error) {
        // Keep the rows for the next write, newest dropped first when the buffer is full.
        this.#rows = [...batch, ...this.#rows].slice(0, this.#options.maxBuffered);
        this.#options.onError(error, batch.length);
        return;
      }
    }
  }
}
