/**
 * @module L2 adapter on ioredis. Each key is a hash `{ v: json, g: generation }`; reads, writes and
 * deletes are single Lua scripts, so "read value + remaining TTL + generation" and "write only if
 * the generation is unchanged" are atomic on the server.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CacheFaultError } from '../errors.js';
import { withTimeout } from '../timeout.js';
import type { L2Driver, L2Read } from './driver.js';

/** The subset of an ioredis client the driver uses. */
export type RedisDriverClient = Pick<
  Redis,
  'evalsha' | 'eval' | 'scan' | 'status' | 'once' | 'quit' | 'disconnect' | 'connect'
>;

/** Options of {@link RedisDriver}. */
export interface RedisDriverOptions {
  /** The ioredis client; see `createCacheRedisClient` for the recommended settings. */
  client: RedisDriverClient;
  /**
   * Upper bound of every call, in ms, including waiting for a (re)connection.
   * @default 50
   */
  timeoutMs?: number;
  /**
   * Whether `close()` also closes the client (true when the cache opened it from a URL).
   * @default false
   */
  ownsClient?: boolean;
  /**
   * SCAN batch size used by `deleteByPrefix`.
   * @default 500
   */
  scanCount?: number;
}

const READ = `local r = redis.call('HMGET', KEYS[1], 'v', 'g')
return {r[1], redis.call('PTTL', KEYS[1]), r[2]}`;

const WRITE = `local g = tonumber(redis.call('HGET', KEYS[1], 'g') or '0')
if ARGV[3] ~= '' and g ~= tonumber(ARGV[3]) then return -1 end
g = g + 1
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'g', g)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return g`;

const DELETE = `local n = 0
for _, k in ipairs(KEYS) do
  n = n + redis.call('HDEL', k, 'v')
  redis.call('HINCRBY', k, 'g', 1)
  redis.call('PEXPIRE', k, ARGV[1])
end
return n`;

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
const SHA = { read: sha1(READ), write: sha1(WRITE), delete: sha1(DELETE) } as const;
const SOURCE = { read: READ, write: WRITE, delete: DELETE } as const;

/** Escapes SCAN MATCH glob characters so a prefix matches literally. */
const globEscape = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');

/**
 * The default L2: Redis through ioredis, every call bounded by `timeoutMs`, no `KEYS` anywhere.
 *
 * @example
 * ```ts
 * const l2 = new RedisDriver({ client: createCacheRedisClient(url), ownsClient: true });
 * ```
 */
export class RedisDriver implements L2Driver {
  readonly #client: RedisDriverClient;
  readonly #timeoutMs: number;
  readonly #ownsClient: boolean;
  readonly #scanCount: number;
  #ready: Promise<void> | undefined;

  constructor(options: RedisDriverOptions) {
    this.#client = options.client;
    this.#timeoutMs = options.timeoutMs ?? 50;
    this.#ownsClient = options.ownsClient ?? false;
    this.#scanCount = options.scanCount ?? 500;
  }

  async read(key: string): Promise<L2Read> {
    const reply = (await this.#script('read', [key], [])) as [string | null, number, string | null];
    const [json, ttlMs, generation] = reply;
    return { json, ttlMs, generation: generation === null ? 0 : Number(generation) };
  }

  async write(key: string, json: string, ttlMs: number, expectedGeneration?: number): Promise<number | null> {
    const args = [
      json,
      String(Math.max(1, Math.ceil(ttlMs))),
      expectedGeneration === undefined ? '' : String(expectedGeneration),
    ];
    const generation = Number(await this.#script('write', [key], args));
    return generation < 0 ? null : generation;
  }

  async delete(keys: readonly string[], tombstoneTtlMs: number): Promise<void> {
    if (keys.length === 0) return;
    await this.#script('delete', keys, [String(Math.max(1, Math.ceil(tombstoneTtlMs)))]);
  }

  async deleteByPrefix(prefix: string, tombstoneTtlMs: number): Promise<number> {
    const pattern = `${globEscape(prefix)}*`;
    const ttl = String(Math.max(1, Math.ceil(tombstoneTtlMs)));
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await this.#run('scan', () =>
        this.#client.scan(cursor, 'MATCH', pattern, 'COUNT', this.#scanCount),
      );
      cursor = next;
      if (keys.length > 0) count += Number(await this.#script('delete', keys, [ttl]));
    } while (cursor !== '0');
    return count;
  }

  async close(): Promise<void> {
    if (!this.#ownsClient) return;
    if (this.#client.status === 'ready') {
      // A graceful QUIT, but never wait on a stalled server for it.
      await withTimeout(this.#client.quit(), Math.max(this.#timeoutMs, 100), 'quit').catch(() => undefined);
    }
    this.#client.disconnect();
  }

  /** Runs a script by SHA, loading it with EVAL the first time the server does not know it. */
  #script(name: keyof typeof SHA, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    return this.#run(name, async () => {
      try {
        return await this.#client.evalsha(SHA[name], keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return this.#client.eval(SOURCE[name], keys.length, ...keys, ...args);
      }
    });
  }

  /** Bounds `call` by the timeout, waiting for a pending (re)connection within the same budget. */
  #run<R>(operation: string, call: () => Promise<R>): Promise<R> {
    const status = this.#client.status;
    if (status === 'end' || status === 'close') {
      return Promise.reject(new CacheFaultError('ERR_CACHE_L2_UNAVAILABLE', `L2 is ${status}`));
    }
    let cancelled = false;
    const work =
      status === 'ready' ? call() : this.#whenReady().then(() => (cancelled ? cancelledCall() : call()));
    work.catch(() => undefined);
    return withTimeout(work, this.#timeoutMs, operation, () => {
      cancelled = true;
    });
  }

  #whenReady(): Promise<void> {
    // A client created with lazyConnect waits for its first command, which the offline-queue-less
    // path never sends: start the connection ourselves.
    if (this.#client.status === 'wait') this.#client.connect().catch(() => undefined);
    this.#ready ??= new Promise<void>((resolve) => {
      this.#client.once('ready', () => {
        this.#ready = undefined;
        resolve();
      });
    });
    return this.#ready;
  }
}

function cancelledCall(): Promise<never> {
  return Promise.reject(new CacheFaultError('ERR_CACHE_TIMEOUT', 'L2 call cancelled after its timeout'));
}
