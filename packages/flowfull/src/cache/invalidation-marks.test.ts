import { describe, expect, it } from 'vitest';
import { InvalidationMarks } from './invalidation-marks.js';

describe('InvalidationMarks', () => {
  it('flags a key invalidated after the ticket and not one invalidated before', () => {
    const marks = new InvalidationMarks(10);
    marks.invalidate('before');
    const ticket = marks.ticket();
    marks.invalidate('after');
    expect(marks.stale('before', ticket)).toBe(false);
    expect(marks.stale('after', ticket)).toBe(true);
    expect(marks.stale('untouched', ticket)).toBe(false);
  });

  it('flags every key after invalidateAll', () => {
    const marks = new InvalidationMarks(10);
    const ticket = marks.ticket();
    marks.invalidateAll();
    expect(marks.stale('any', ticket)).toBe(true);
    expect(marks.stale('any', marks.ticket())).toBe(false);
  });

  it('accepts a read at or past the generation an invalidation announced, not an older one', () => {
    const marks = new InvalidationMarks(10);
    const ticket = marks.ticket();
    marks.invalidate('k', 7);
    expect(marks.stale('k', ticket, 7)).toBe(false);
    expect(marks.stale('k', ticket, 6)).toBe(true);
    expect(marks.stale('k', ticket)).toBe(true);
  });

  it('stays conservative when marks are evicted: an evicted key counts as invalidated', () => {
    const marks = new InvalidationMarks(2);
    const ticket = marks.ticket();
    marks.invalidate('a');
    marks.invalidate('b');
    marks.invalidate('c');
    expect(marks.stale('a', ticket)).toBe(true);
  });
});
