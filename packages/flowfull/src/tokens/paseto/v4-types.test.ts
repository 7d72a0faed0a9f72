import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CompleteResult, PasetoPayload } from './options.js';
import { V4 } from './v4.js';

/** A caller's own claims type: an interface, so it has no index signature. */
interface SessionClaims {
  sub: string;
  scope: readonly string[];
}

const { secretKey, publicKey } = await V4.generateKey('public');
const localKey = await V4.generateKey('local');
const claims: SessionClaims = { sub: 'user_1', scope: ['read'] };

describe('V4 payload types', () => {
  it('V4.verify<T>() returns the caller’s interface type with no cast', async () => {
    const token = await V4.sign({ ...claims }, secretKey);
    const payload = await V4.verify<SessionClaims>(token, publicKey);
    expectTypeOf(payload).toEqualTypeOf<SessionClaims>();
    expect(payload).toEqual(claims);
    const complete = await V4.verify<SessionClaims>(token, publicKey, { complete: true });
    expectTypeOf(complete).toEqualTypeOf<CompleteResult<SessionClaims>>();
    expect(complete.payload.sub).toBe('user_1');
  });

  it('V4.decrypt<T>() returns the caller’s interface type with no cast', async () => {
    const token = await V4.encrypt({ ...claims }, localKey);
    const payload = await V4.decrypt<SessionClaims>(token, localKey);
    expectTypeOf(payload).toEqualTypeOf<SessionClaims>();
    expect(payload.scope).toEqual(['read']);
    const complete = await V4.decrypt<SessionClaims>(token, localKey, { complete: true });
    expectTypeOf(complete.payload).toEqualTypeOf<SessionClaims>();
  });

  it('without a type argument the payload is a PasetoPayload (unknown values, never any)', async () => {
    const token = await V4.sign({ sub: 'user_1' }, secretKey);
    const payload = await V4.verify(token, publicKey);
    expectTypeOf(payload).toEqualTypeOf<PasetoPayload>();
    expectTypeOf(payload.sub).toBeUnknown();
    // @ts-expect-error: a payload is an object, never a primitive.
    await expect(V4.verify<string>(token, publicKey)).resolves.toEqual({ sub: 'user_1' });
  });
});
