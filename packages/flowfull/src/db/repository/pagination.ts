/**
 * @module Page requests and pages of rows, checked once before any query runs.
 */
import { PageRequestError } from '../errors.js';

/** Which page of a list to read. */
export interface PageRequest<Column extends string = string> {
  /** 1-based page number. @default 1 */
  page?: number;
  /** Rows per page, at most the repository's `maxLimit`. @default the repository's `defaultLimit` */
  limit?: number;
  /** Column to sort by; must be one the repository allows. @default the repository's first `orderBy` column */
  orderBy?: Column;
  /** Sort direction. @default 'asc' */
  direction?: 'asc' | 'desc';
}

/** One page of rows and where it sits in the whole list. */
export interface Page<Row> {
  readonly items: Row[];
  /** Rows in the whole list. */
  readonly total: number;
  readonly page: number;
  readonly limit: number;
  /** Whether a later page has rows. */
  readonly hasMore: boolean;
}

/** The limits a repository enforces on {@link PageRequest}s. */
export interface PaginationRules<Column extends string = string> {
  /** Columns a caller may sort by; the first is the default. */
  orderBy: readonly Column[];
  defaultLimit: number;
  maxLimit: number;
}

/** A {@link PageRequest} with defaults applied and values checked. */
export interface ResolvedPageRequest<Column extends string = string> {
  readonly page: number;
  readonly limit: number;
  readonly offset: number;
  readonly orderBy: Column;
  readonly direction: 'asc' | 'desc';
}

/**
 * Applies defaults to a page request and rejects what a caller must not ask for.
 *
 * @throws {PageRequestError} `ERR_DB_PAGE_INVALID`, naming the field: a page or limit that is not a positive integer, a limit
 *   above `maxLimit`, a column outside the whitelist, a direction other than asc/desc.
 */
export function resolvePageRequest<Column extends string>(
  request: PageRequest<Column>,
  rules: PaginationRules<Column>,
): ResolvedPageRequest<Column> {
  const { page = 1, limit = rules.defaultLimit, direction = 'asc' } = request;
  const orderBy = request.orderBy ?? rules.orderBy[0];
  if (!Number.isInteger(page) || page < 1) throw new PageRequestError('page', `must be an integer >= 1`);
  if (!Number.isInteger(limit) || limit < 1 || limit > rules.maxLimit) {
    throw new PageRequestError('limit', `must be an integer from 1 to ${rules.maxLimit}`);
  }
  if (orderBy === undefined || !rules.orderBy.includes(orderBy)) {
    throw new PageRequestError('orderBy', `must be one of ${rules.orderBy.join(', ')}`);
  }
  if (direction !== 'asc' && direction !== 'desc') {
    throw new PageRequestError('direction', `must be 'asc' or 'desc'`);
  }
  return { page, limit, offset: (page - 1) * limit, orderBy, direction };
}
