/**
 * @module ItemRepository: the items a caller may see (their own plus public ones), pages with
 * Bridge filters and free-text search, and deletion of a user's items. Same behaviour on
 * PostgreSQL, MySQL and libSQL.
 */
import { Repository } from 'flowfull/db';
import { ApiError } from 'flowfull/server';
import type { BridgeQuery, Filter } from '../bridge-crud/bridge-query.js';
import type { ItemsTable, StarterDatabase } from './item-table.js';

/** Fields of an item that Bridge queries may filter and sort on. */
export const ITEM_FIELDS = [
  'id',
  'owner_id',
  'title',
  'description',
  'is_public',
  'created_at',
  'updated_at',
] as const;

/** A field of {@link ITEM_FIELDS}. */
export type ItemField = (typeof ITEM_FIELDS)[number];

/** A page of rows. */
export interface ItemPage {
  readonly rows: ItemsTable[];
  readonly total: number;
}

// The Kysely types come from the same copy flowfull uses, through its Repository base class.
type Db = ConstructorParameters<typeof Repository<StarterDatabase, 'items'>>[0];
type ItemsQuery = ReturnType<ItemRepository['query']>;
type WhereArgument = Parameters<ItemsQuery['where']>[0];
type Eb = Parameters<Extract<WhereArgument, (...args: never[]) => unknown>>[0];

/**
 * Items in the database.
 */
export class ItemRepository extends Repository<StarterDatabase, 'items'> {
  constructor(db: Db) {
    super(db, { table: 'items', orderBy: ['created_at', 'updated_at', 'title'], maxLimit: 100 });
  }

  /** A query over the items table, for queries of your own. */
  query() {
    return this.db.selectFrom('items');
  }

  /** The item if `viewer` may see it (owner, or public), else `undefined`. */
  async findVisible(id: string, viewer: string | null): Promise<ItemsTable | undefined> {
    return this.query()
      .selectAll()
      .where('id', '=', id)
      .where((eb) => visibleTo(eb, viewer))
      .executeTakeFirst();
  }

  /** One page of the items `viewer` may see (guests: public ones), filtered and searched. */
  async page(viewer: string | null, query: BridgeQuery<ItemField>): Promise<ItemPage> {
    const base = this.query()
      .where((eb) => visibleTo(eb, viewer))
      .where((eb) => eb.and(query.filters.map((filter) => condition(eb, filter))))
      .$if(query.q !== null, (qb) =>
        qb.where((eb) =>
          eb.or([like(eb, 'title', `%${query.q ?? ''}%`), like(eb, 'description', `%${query.q ?? ''}%`)]),
        ),
      );
    const [rows, counted] = await Promise.all([
      base
        .selectAll()
        .orderBy(query.orderBy, query.orderDir)
        .orderBy('id', query.orderDir)
        .limit(query.limit)
        .offset((query.page - 1) * query.limit)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(counted.total) };
  }

  /** Deletes every item of `ownerId`; resolves how many. */
  async deleteByOwner(ownerId: string): Promise<number> {
    const result = await this.db.deleteFrom('items').where('owner_id', '=', ownerId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function visibleTo(eb: Eb, viewer: string | null) {
  const isPublic = eb('is_public', '=', true);
  return viewer === null ? isPublic : eb.or([isPublic, eb('owner_id', '=', viewer)]);
}

// LIKE is case-sensitive on PostgreSQL only; lower() on both sides makes every dialect agree.
// `%` and `_` typed by a user keep their wildcard meaning: SQLite has no default LIKE escape
// character, and the explicit ESCAPE clause would need Kysely's sql tag (see the starter docs).
function like(eb: Eb, field: ItemField, pattern: string) {
  return eb(eb.fn('lower', [eb.ref(field)]), 'like', pattern.toLowerCase());
}

function typed(field: ItemField, raw: string): string | number | boolean {
  if (field === 'is_public') {
    if (raw !== 'true' && raw !== 'false') throw invalid(field, 'is_public takes true or false');
    return raw === 'true';
  }
  if (field === 'created_at' || field === 'updated_at') {
    const time = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
    if (!Number.isFinite(time)) throw invalid(field, `${field} takes an ISO 8601 date or epoch milliseconds`);
    return time;
  }
  return raw;
}

function invalid(field: string, message: string): ApiError {
  return new ApiError(400, 'ERR_BRIDGE_QUERY_INVALID', message, {
    details: { fields: [{ field, message }] },
  });
}

function condition(eb: Eb, { field, op, value }: Filter<ItemField>) {
  if (op === 'null') return value ? eb(field, 'is', null) : eb(field, 'is not', null);
  if (op === 'nnull') return value ? eb(field, 'is not', null) : eb(field, 'is', null);
  if (op === 'in' || op === 'nin') {
    const list = (value as readonly string[]).map((item) => typed(field, item));
    return eb(field, op === 'in' ? 'in' : 'not in', list);
  }
  const raw = String(value);
  switch (op) {
    case 'contains':
      return like(eb, field, `%${raw}%`);
    case 'ncontains':
      return eb.not(like(eb, field, `%${raw}%`));
    case 'sw':
      return like(eb, field, `${raw}%`);
    case 'ew':
      return like(eb, field, `%${raw}`);
    case 'eq':
      return eb(field, '=', typed(field, raw));
    case 'neq':
      return eb(field, '<>', typed(field, raw));
    case 'gt':
      return eb(field, '>', typed(field, raw));
    case 'gte':
      return eb(field, '>=', typed(field, raw));
    case 'lt':
      return eb(field, '<', typed(field, raw));
    case 'lte':
      return eb(field, '<=', typed(field, raw));
  }
  // Exhaustive above: an operator the parser let through unmapped is a programming error, never `<=`.
  const unhandled: never = op;
  throw new TypeError(`no SQL for filter operator ${String(unhandled)}`);
}
