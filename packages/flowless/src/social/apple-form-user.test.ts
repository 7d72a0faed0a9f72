import { describe, expect, it } from 'vitest';
import { appleFormUserName } from './apple-form-user.js';

describe('appleFormUserName()', () => {
  it('joins the first and last name Apple posts on the first login', () => {
    expect(appleFormUserName('{"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"a@x.test"}')).toBe(
      'Ada Lovelace',
    );
    expect(appleFormUserName('{"name":{"firstName":" Ada "}}')).toBe('Ada');
  });

  it('returns null for a missing, empty, malformed or non-JSON field', () => {
    expect(appleFormUserName(null)).toBeNull();
    expect(appleFormUserName('{"email":"a@x.test"}')).toBeNull();
    expect(appleFormUserName('{"name":{"firstName":""}}')).toBeNull();
    expect(appleFormUserName('{"name":{"firstName":42}}')).toBeNull();
    expect(appleFormUserName('not json')).toBeNull();
  });
});
