import { describe, expect, it } from 'vitest';
import { PageRequestError } from '../errors.js';
import { resolvePageRequest } from './pagination.js';

const rules = { orderBy: ['created_at', 'email'] as const, defaultLimit: 20, maxLimit: 100 };

describe('resolvePageRequest()', () => {
  it('defaults to the first page, the default limit and the first column ascending', () => {
    expect(resolvePageRequest({}, rules)).toEqual({
      page: 1,
      limit: 20,
      offset: 0,
      orderBy: 'created_at',
      direction: 'asc',
    });
  });

  it('computes the offset of a later page', () => {
    expect(resolvePageRequest({ page: 3, limit: 25, orderBy: 'email', direction: 'desc' }, rules)).toEqual({
      page: 3,
      limit: 25,
      offset: 50,
      orderBy: 'email',
      direction: 'desc',
    });
  });

  it.each([
    [{ page: 0 }, 'page'],
    [{ page: 1.5 }, 'page'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: Number.NaN }, 'limit'],
    [{ orderBy: 'password_hash' }, 'orderBy'],
    [{ direction: 'sideways' }, 'direction'],
  ])('rejects %o with ERR_DB_PAGE_INVALID on %s', (request, field) => {
    expect(() => resolvePageRequest(request as never, rules)).toThrow(
      expect.objectContaining({ code: 'ERR_DB_PAGE_INVALID', field }),
    );
    expect(() => resolvePageRequest(request as never, rules)).toThrow(PageRequestError);
  });
});
