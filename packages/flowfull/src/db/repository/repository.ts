/**
 * @module A repository over one table: find, create, update, delete and paginated lists that
 * behave the same on PostgreSQL, MySQL and libSQL.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { databaseTypeOf } from '../database-type-of.js';
import { DatabaseQueryError } from '../errors.js';
import { mapDatabaseError } from '../map-database-error.js';
import { type Page, type PageRequest, type PaginationRules, resolvePageRequest } from './pagination.js';

/** The column names of table `TB` in database `DB`. */
export type ColumnOf<DB, TB extends keyof DB> = keyof DB[TB] & string;

/** Options of a {@link Repository}. */
export interface RepositoryOptions<DB, TB extends keyof DB & string> {
  /** The table the repository reads and writes. */
  table: TB;
  /** The primary-key column; ids are application-generated strings (or MySQL auto-increments). @default 'id' */
  idColumn?: ColumnOf<DB, TB>;
  /** Columns `list()` may sort by, the first being the default. @default [idColumn] */
  orderBy?: readonly ColumnOf<DB, TB>[];
  /** Rows per page when a request names no limit. @default 20 */
  defaultLimit?: number;
  /** Largest limit a request may ask for. @default 100 */
  maxLimit?: number;
}

type Row = Record<string, unknown>;
/** The table is chosen at run time, so queries go through a view of the database keyed by string. */
type LooseDatabase = Kysely<Record<string, Row>>;
type Id = string | number;

/**
 * Base class for table repositories, in the spirit of a hand-written `UserRepository`: extend it
 * and add queries of your own with `this.db`. Every driver error leaves as a typed
 * `DatabaseError` (a duplicate key as `UniqueViolationError`).
 *
 * @example
 * ```ts
 * class UserRepository extends Repository<Database, 'users'> {
 *   constructor(db: Kysely<Database>) {
 *     super(db, { table: 'users', orderBy: ['created_at', 'email'] });
 *   }
 *   findByEmail(email: string) {
 *     return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
 *   }
 * }
 * const users = new UserRepository(db);
 * const created = await users.create({ id: crypto.randomUUID(), email: 'ada@example.com', created_at: Date.now() });
 * const page = await users.list({ page: 1, limit: 20, orderBy: 'created_at', direction: 'desc' });
 * ```
 */
export class Repository<DB, TB extends keyof DB & string> {
  /** The database, for queries subclasses add. */
  protected readonly db: Kysely<DB>;
  /** The table this repository serves. */
  readonly table: TB;
  readonly #loose: LooseDatabase;
  readonly #table: string;
  readonly #idColumn: string;
  readonly #rules: PaginationRules<ColumnOf<DB, TB>>;

  constructor(db: Kysely<DB>, options: RepositoryOptions<DB, TB>) {
    const { table, idColumn = 'id' as ColumnOf<DB, TB>, defaultLimit = 20, maxLimit = 100 } = options;
    const orderBy = options.orderBy ?? [idColumn];
    if (typeof table !== 'string' || table === '')
      throw new TypeError('Repository: options.table is required');
    if (orderBy.length === 0)
      throw new TypeError('Repository: options.orderBy must name at least one column');
    if (!Number.isInteger(maxLimit) || maxLimit < 1) {
      throw new TypeError(`Repository: options.maxLimit must be an integer >= 1, got ${String(maxLimit)}`);
    }
    if (!Number.isInteger(defaultLimit) || defaultLimit < 1 || defaultLimit > maxLimit) {
      throw new TypeError(
        `Repository: options.defaultLimit must be an integer from 1 to maxLimit (${maxLimit})`,
      );
    }
    this.db = db;
    this.table = table;
    this.#loose = db as unknown as LooseDatabase;
    this.#table = table;
    this.#idColumn = idColumn;
    this.#rules = { orderBy: [...orderBy], defaultLimit, maxLimit };
  }

  /** The row with this id, or `undefined`. */
  async findById(id: Id): Promise<Selectable<DB[TB]> | undefined> {
    return this.#run(async () => this.#select(id));
  }

  /**
   * Inserts a row and returns it as stored (defaults filled in). MySQL has no `RETURNING`: the row
   * is read back by the id in `values`, or by the auto-increment id the insert produced.
   *
   * @throws {UniqueViolationError} `ERR_DB_UNIQUE_VIOLATION` when a unique key is taken.
   */
  async create(values: Insertable<DB[TB]>): Promise<Selectable<DB[TB]>> {
    return this.#run(async () => {
      const row = values as Row;
      if (this.#supportsReturning()) {
        return (await this.#loose
          .insertInto(this.#table)
          .values(row)
          .returningAll()
          .executeTakeFirstOrThrow()) as Selectable<DB[TB]>;
      }
      const result = await this.#loose.insertInto(this.#table).values(row).executeTakeFirst();
      const id =
        (row[this.#idColumn] as Id | undefined) ??
        (result.insertId === undefined ? undefined : Number(result.insertId));
      const created = id === undefined ? undefined : await this.#select(id);
      if (created === undefined)
        throw new DatabaseQueryError(`the row inserted into ${this.table} could not be read back`);
      return created;
    });
  }

  /** Changes the row with this id and returns it as stored, or `undefined` when there is none. */
  async update(id: Id, values: Updateable<DB[TB]>): Promise<Selectable<DB[TB]> | undefined> {
    return this.#run(async () => {
      const changes = values as Row;
      if (Object.keys(changes).length === 0) return this.#select(id);
      const query = this.#loose.updateTable(this.#table).set(changes).where(this.#idColumn, '=', id);
      if (this.#supportsReturning()) {
        return (await query.returningAll().executeTakeFirst()) as Selectable<DB[TB]> | undefined;
      }
      await query.executeTakeFirst();
      return this.#select((changes[this.#idColumn] as Id | undefined) ?? id);
    });
  }

  /** Deletes the row with this id; `true` when there was one. */
  async delete(id: Id): Promise<boolean> {
    return this.#run(async () => {
      const result = await this.#loose
        .deleteFrom(this.#table)
        .where(this.#idColumn, '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }

  /**
   * One page of rows in a whitelisted order, ties broken by id so pages never overlap.
   *
   * @throws {PageRequestError} `ERR_DB_PAGE_INVALID` for a bad page, limit, column or direction.
   */
  async list(request: PageRequest<ColumnOf<DB, TB>> = {}): Promise<Page<Selectable<DB[TB]>>> {
    const { page, limit, offset, orderBy, direction } = resolvePageRequest(request, this.#rules);
    return this.#run(async () => {
      let query = this.#loose.selectFrom(this.#table).selectAll().orderBy(orderBy, direction);
      if (orderBy !== this.#idColumn) query = query.orderBy(this.#idColumn, direction);
      const [items, counted] = await Promise.all([
        query.limit(limit).offset(offset).execute(),
        this.#loose
          .selectFrom(this.#table)
          .select((eb) => eb.fn.countAll().as('total'))
          .executeTakeFirstOrThrow(),
      ]);
      const total = Number(counted.total);
      return {
        items: items as Selectable<DB[TB]>[],
        total,
        page,
        limit,
        hasMore: offset + items.length < total,
      };
    });
  }

  async #select(id: Id): Promise<Selectable<DB[TB]> | undefined> {
    const row = await this.#loose
      .selectFrom(this.#table)
      .selectAll()
      .where(this.#idColumn, '=', id)
      .executeTakeFirst();
    return row as Selectable<DB[TB]> | undefined;
  }

  #supportsReturning(): boolean {
    return databaseTypeOf(this.db) !== 'mysql';
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw mapDatabaseError(error);
    }
  }
}
