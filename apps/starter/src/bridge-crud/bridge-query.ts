/**
 * @module Parses the Bridge CRUD query convention (`page`, `limit`, `orderBy`, `orderDir`, `q`, and
 * `field:op=value` filters, also `field[op]=value` and `sort=field:dir`) against a whitelist of
 * fields. Unknown keys that are not filters (`useRows`, `perPage`, ...) are ignored, as clients
 * send them; a filter on an unknown field is a 400 `ERR_BRIDGE_QUERY_INVALID`, one with an
 * unknown operator a 400 `ERR_BRIDGE_QUERY_UNKNOWN_OPERATOR`.
 */
import { ApiError } from 'flowfull/server';

/** The canonical filter operators. */
export type FilterOperator =
  | 'eq'
  | 'neq'
  | 'contains'
  | 'ncontains'
  | 'sw'
  | 'ew'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'nin'
  | 'null'
  | 'nnull';

/** One parsed filter. */
export interface Filter<F extends string> {
  readonly field: F;
  readonly op: FilterOperator;
  /** The raw value; a list for `in`/`nin`, a boolean for `null`/`nnull`. */
  readonly value: string | readonly string[] | boolean;
}

/** A parsed list/search query. */
export interface BridgeQuery<F extends string> {
  readonly page: number;
  readonly limit: number;
  readonly orderBy: F;
  readonly orderDir: 'asc' | 'desc';
  readonly q: string | null;
  readonly filters: readonly Filter<F>[];
}

/** What a resource allows. */
export interface BridgeQueryRules<F extends string> {
  /** Fields that may be filtered and sorted on. */
  readonly fields: readonly F[];
  /** Default sort field. */
  readonly defaultOrderBy: F;
  /** @default 20 */
  readonly defaultLimit?: number;
  /** @default 100 */
  readonly maxLimit?: number;
}

// A Map, not an object literal: a look-up by a client-supplied name must never reach
// Object.prototype (`title:constructor` would otherwise find a function).
const OPERATORS: ReadonlyMap<string, FilterOperator> = new Map<string, FilterOperator>([
  ['eq', 'eq'],
  ['equals', 'eq'],
  ['neq', 'neq'],
  ['ne', 'neq'],
  ['notequals', 'neq'],
  ['contains', 'contains'],
  ['like', 'contains'],
  ['ncontains', 'ncontains'],
  ['notcontains', 'ncontains'],
  ['sw', 'sw'],
  ['startswith', 'sw'],
  ['ew', 'ew'],
  ['endswith', 'ew'],
  ['gt', 'gt'],
  ['greaterthan', 'gt'],
  ['gte', 'gte'],
  ['greaterthanorequals', 'gte'],
  ['lt', 'lt'],
  ['lessthan', 'lt'],
  ['lte', 'lte'],
  ['lessthanorequals', 'lte'],
  ['in', 'in'],
  ['nin', 'nin'],
  ['notin', 'nin'],
  ['null', 'null'],
  ['isnull', 'null'],
  ['nnull', 'nnull'],
  ['isnotnull', 'nnull'],
]);

const FILTER_KEY = /^([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z0-9_$]+)|\[([A-Za-z0-9_$]+)\])$/;

/** The codes of a refused Bridge query. */
export type BridgeQueryErrorCode = 'ERR_BRIDGE_QUERY_INVALID' | 'ERR_BRIDGE_QUERY_UNKNOWN_OPERATOR';

function bad(
  message: string,
  field: string,
  code: BridgeQueryErrorCode = 'ERR_BRIDGE_QUERY_INVALID',
): ApiError {
  return new ApiError(400, code, message, { details: { fields: [{ field, message }] } });
}

function positiveInt(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw bad(`${name} must be a positive integer`, name);
  return Math.min(value, max);
}

/**
 * Parses a query string's entries (repeated keys as arrays).
 *
 * @throws {ApiError} 400 `ERR_BRIDGE_QUERY_INVALID` naming the bad parameter, or
 *   `ERR_BRIDGE_QUERY_UNKNOWN_OPERATOR` for a filter operator outside the list.
 */
export function parseBridgeQuery<F extends string>(
  query: Readonly<Record<string, readonly string[]>>,
  rules: BridgeQueryRules<F>,
): BridgeQuery<F> {
  const first = (key: string): string | undefined => query[key]?.[0];
  const allowed = new Set<string>(rules.fields);
  const isField = (name: string): name is F => allowed.has(name);
  const [sortField, sortDir] = (first('sort') ?? '').split(':');
  const orderByRaw = first('orderBy') ?? first('order_by') ?? (sortField || undefined);
  const orderDirRaw = (first('orderDir') ?? first('order_dir') ?? sortDir ?? 'desc').toLowerCase();
  if (orderByRaw !== undefined && !isField(orderByRaw))
    throw bad(`orderBy must be one of ${rules.fields.join(', ')}`, 'orderBy');
  if (orderDirRaw !== 'asc' && orderDirRaw !== 'desc') throw bad('orderDir must be asc or desc', 'orderDir');
  const filters: Filter<F>[] = [];
  for (const [key, values] of Object.entries(query)) {
    const match = FILTER_KEY.exec(key);
    if (!match) continue;
    const field = match[1] as string;
    const opName = match[2] ?? match[3] ?? '';
    const op = OPERATORS.get(opName.toLowerCase());
    if (!isField(field)) throw bad(`cannot filter on ${field}`, key);
    if (op === undefined) {
      throw bad(`Unknown filter operator "${opName}" in ${key}`, key, 'ERR_BRIDGE_QUERY_UNKNOWN_OPERATOR');
    }
    for (const raw of values) filters.push({ field, op, value: filterValue(op, raw, key) });
  }
  const q = first('q')?.trim();
  return {
    page: positiveInt(first('page'), 'page', 1, Number.MAX_SAFE_INTEGER),
    limit: positiveInt(first('limit'), 'limit', rules.defaultLimit ?? 20, rules.maxLimit ?? 100),
    orderBy: (orderByRaw as F | undefined) ?? rules.defaultOrderBy,
    orderDir: orderDirRaw,
    q: q ? q.slice(0, 200) : null,
    filters,
  };
}

function filterValue(op: FilterOperator, raw: string, key: string): Filter<string>['value'] {
  if (op === 'in' || op === 'nin') {
    const list = raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (list.length === 0 || list.length > 100) throw bad('in/nin need 1 to 100 comma-separated values', key);
    return list;
  }
  if (op === 'null' || op === 'nnull') {
    if (raw !== 'true' && raw !== 'false' && raw !== '') throw bad('null/nnull take true or false', key);
    return raw !== 'false';
  }
  return raw;
}
