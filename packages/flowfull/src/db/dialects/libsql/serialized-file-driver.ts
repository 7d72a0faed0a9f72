/**
 * @module A driver wrapper for embedded libSQL files: one query or transaction at a time per
 * process, and a busy timeout towards other processes.
 *
 * Why by hand: `@libsql/client` opens a fresh SQLite connection for every transaction, and
 * `BEGIN IMMEDIATE` on a second connection fails at once with `SQLITE_BUSY` while the first is
 * open (SQLite's busy timeout is 0 by default, and the client has no option for it). Kysely's own
 * `SqliteDriver` solves the same problem with a connection mutex; this does the same for the
 * libSQL driver. An embedded database runs its statements synchronously, so queueing them costs
 * no throughput.
 */
import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';

/** The part of a libSQL client this wrapper uses. */
export interface PragmaClient {
  execute(sql: string): Promise<unknown>;
}

/**
 * Wraps `driver` so that connections are handed out one at a time, and every SQLite connection
 * the client opens waits up to `busyTimeoutMs` for locks held by other processes.
 */
export class SerializedFileDriver implements Driver {
  readonly #driver: Driver;
  readonly #client: PragmaClient;
  readonly #busyTimeoutMs: number;
  #queue: Promise<void> = Promise.resolve();
  readonly #releases = new Map<DatabaseConnection, () => void>();
  // The client replaces its SQLite connection after each transaction: set the pragma again then.
  #pragmaPending = true;

  constructor(driver: Driver, client: PragmaClient, busyTimeoutMs: number) {
    this.#driver = driver;
    this.#client = client;
    this.#busyTimeoutMs = Math.max(0, Math.floor(busyTimeoutMs));
  }

  init(): Promise<void> {
    return this.#driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#queue;
    this.#queue = previous.then(() => turn);
    await previous;
    try {
      if (this.#pragmaPending) {
        await this.#client.execute(`PRAGMA busy_timeout = ${this.#busyTimeoutMs}`);
        this.#pragmaPending = false;
      }
      const connection = await this.#driver.acquireConnection();
      this.#releases.set(connection, release);
      return connection;
    } catch (error) {
      release();
      throw error;
    }
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    this.#pragmaPending = true;
    await this.#driver.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#driver.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#driver.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.#driver.releaseConnection(connection);
    } finally {
      this.#releases.get(connection)?.();
      this.#releases.delete(connection);
    }
  }

  destroy(): Promise<void> {
    return this.#driver.destroy();
  }
}
