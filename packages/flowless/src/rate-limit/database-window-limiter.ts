/**
 * @module A {@link SlidingWindowLimiter} kept in the database (`rate_limit_counters`, migration
 * 0006), for caps that must hold across instances sharing one database without Redis. The window
 * is cut into buckets like the memory and Redis limiter's: a hit adds one to its bucket's row and
 * sums the window's buckets in one transaction, holding the row's lock, so each of any number of
 * concurrent hits reads exactly its own position: the first `points` are allowed, the rest not.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import type { SlidingWindowLimiter } from './sliding-window-limiter.js';
import { storeUnavailable } from './store-unavailable.js';

/** Options of {@link createDatabaseWindowLimiter}. */
export interface DatabaseWindowOptions {
  db: Kysely<FlowlessDatabase>;
  /** Distinguishes this limit's keys from every other limit's. */
  keyPrefix: string;
  /** Hits allowed per window. */
  points: number;
  /** Window length in ms. */
  windowMs: number;
  /** Sub-buckets per window. @default 4 */
  buckets?: number;
  /** Current time in ms. */
  now: () => number;
}

/** The rows of `key` in the window that ends with bucket `current`, oldest first. */
function readWindow(query: Kysely<FlowlessDatabase>, key: string, current: number, buckets: number) {
  return query
    .selectFrom('rate_limit_counters')
    .select(['bucket', 'count'])
    .where('counter_key', '=', key)
    .where('bucket', '>=', current - buckets)
    .where('bucket', '<=', current)
    .orderBy('bucket')
    .execute();
}

/** Creates the row of bucket `current` (unless another hit did) and deletes rows out of the window. */
async function createBucket(
  db: Kysely<FlowlessDatabase>,
  key: string,
  current: number,
  buckets: number,
): Promise<void> {
  try {
    await db
      .insertInto('rate_limit_counters')
      .values({ counter_key: key, bucket: current, count: 0 })
      .execute();
  } catch {
    // Another hit created it first: the UPDATE that follows finds it.
    return;
  }
  // A new bucket: the rows that left the window are no longer read.
  await db
    .deleteFrom('rate_limit_counters')
    .where('counter_key', '=', key)
    .where('bucket', '<', current - buckets)
    .execute();
}

/**
 * Creates the database-backed limiter. Database failures throw `ERR_FLOWLESS_UNAVAILABLE` (fail
 * closed).
 */
export function createDatabaseWindowLimiter(options: DatabaseWindowOptions): SlidingWindowLimiter {
  const { db, points, now } = options;
  const buckets = options.buckets ?? 4;
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new TypeError('createDatabaseWindowLimiter: buckets must be a positive integer');
  }
  const bucketMs = Math.ceil(options.windowMs / buckets);
  const keyOf = (key: string) => `${options.keyPrefix}:${key}`;

  /**
   * Adds one to the bucket's row and reads the window in one transaction: the UPDATE holds the
   * row's lock until commit, so each concurrent hit reads its own position, never a later one.
   * Null when the row does not exist yet.
   */
  const countOnce = (key: string, current: number) =>
    db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('rate_limit_counters')
        .set((eb) => ({ count: eb('count', '+', 1) }))
        .where('counter_key', '=', key)
        .where('bucket', '=', current)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      return readWindow(trx, key, current, buckets);
    });
  const countHit = async (key: string, current: number) => {
    // A deadlock or serialisation failure rolls the transaction back (nothing was counted), and
    // the next try may pass: try up to three times before failing closed.
    for (let tries = 1; ; tries++) {
      try {
        return await countOnce(key, current);
      } catch (error) {
        if (tries >= 3) throw error;
      }
    }
  };
  return {
    async hit(rawKey) {
      const key = keyOf(rawKey);
      const at = now();
      const current = Math.floor(at / bucketMs);
      try {
        let rows = await countHit(key, current);
        // A reset may delete the row between its creation and the UPDATE: create it again.
        for (let tries = 0; rows === null && tries < 3; tries++) {
          await createBucket(db, key, current, buckets);
          rows = await countHit(key, current);
        }
        if (rows === null) throw new Error('rate_limit_counters: the bucket row keeps vanishing');
        const count = rows.reduce((sum, row) => sum + Number(row.count), 0);
        if (count <= points) return { allowed: true, retryAfterMs: 0, count };
        // The earliest bucket still holding hits leaves the window first.
        const oldest = Number(rows.find((row) => Number(row.count) > 0)?.bucket ?? current);
        return {
          allowed: false,
          retryAfterMs: Math.max(1000, (oldest + 1 + buckets) * bucketMs - at),
          count,
        };
      } catch (error) {
        throw storeUnavailable(error);
      }
    },
    async reset(rawKey) {
      try {
        await db.deleteFrom('rate_limit_counters').where('counter_key', '=', keyOf(rawKey)).execute();
      } catch (error) {
        throw storeUnavailable(error);
      }
    },
  };
}
