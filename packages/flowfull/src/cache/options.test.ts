import { describe, expect, it } from 'vitest';
import { CacheOptionError } from './errors.js';
import { resolveCacheOptions } from './options.js';

describe('resolveCacheOptions() keyPrefix', () => {
  it('adds a ":" separator to a prefix that does not end with one', () => {
    expect(resolveCacheOptions({ keyPrefix: 'user_ctx' }).keyPrefix).toBe('user_ctx:');
  });

  it('keeps a prefix that already ends with ":" as it is', () => {
    expect(resolveCacheOptions({ keyPrefix: 'user_ctx:' }).keyPrefix).toBe('user_ctx:');
  });

  it('keeps an empty prefix empty and defaults to the cacheType followed by a colon', () => {
    expect(resolveCacheOptions({ keyPrefix: '' }).keyPrefix).toBe('');
    expect(resolveCacheOptions({ cacheType: 'userContext' }).keyPrefix).toBe('userContext:');
  });

  it('derives the default channel from the separated prefix, so both spellings share one channel', () => {
    expect(resolveCacheOptions({ keyPrefix: 'user_ctx' }).channel).toBe('flowfull:cache:user_ctx:');
    expect(resolveCacheOptions({ keyPrefix: 'user_ctx:' }).channel).toBe('flowfull:cache:user_ctx:');
  });

  it('rejects a keyPrefix that is not a string with ERR_CACHE_INVALID_OPTION', () => {
    // @ts-expect-error: a number is not a prefix
    expect(() => resolveCacheOptions({ keyPrefix: 42 })).toThrow(CacheOptionError);
  });
});
