import { describe, expect, it } from 'vitest';
import { readRejection, readValidateResponse } from './flowless-response.js';

describe('readValidateResponse()', () => {
  it('reads auth_type api_token and the token id, at the top level or on the session', () => {
    const top = readValidateResponse({
      success: true,
      auth_type: 'api_token',
      token_id: 'tok_1',
      session: { user_id: 'u1', expires_at: null },
    });
    expect(top).toMatchObject({
      kind: 'valid',
      session: { auth_type: 'api_token', token_id: 'tok_1', expires_at: null },
    });
    const nested = readValidateResponse({
      success: true,
      session: { user_id: 'u1', auth_type: 'api_token', token_id: 'tok_2' },
    });
    expect(nested).toMatchObject({ session: { auth_type: 'api_token', token_id: 'tok_2' } });
  });

  it('reads an unknown or missing auth_type as a session, and drops a token id on a session', () => {
    for (const body of [
      { success: true, session: { user_id: 'u1' } },
      { success: true, auth_type: 'magic', token_id: 'tok_3', session: { user_id: 'u1' } },
    ]) {
      expect(readValidateResponse(body)).toMatchObject({ session: { auth_type: 'session', token_id: null } });
    }
  });

  it('normalises the camelCase session of the newest docs', () => {
    const verdict = readValidateResponse({
      success: true,
      user: { id: 42, email: 'a@x.io', firstName: 'Ann', userType: 'admin' },
      session: { userId: '42', ipAddress: '10.0.0.1', userAgent: 'UA', expiresAt: '2999-01-01T00:00:00Z' },
    });
    expect(verdict).toEqual({
      kind: 'valid',
      session: {
        auth_type: 'session',
        token_id: null,
        user_id: '42',
        email: 'a@x.io',
        name: 'Ann',
        user_type: 'admin',
        ip_address: '10.0.0.1',
        user_agent: 'UA',
        device_id: null,
        expires_at: '2999-01-01T00:00:00.000Z',
        two_factor_verified: false,
        two_factor_verified_at: null,
        two_factor_methods: [],
      },
    });
  });

  it('reads the second-factor fields Flowless sends on the session (0/1, ISO time, method list)', () => {
    const verified = readValidateResponse({
      success: true,
      session: {
        user_id: 'u1',
        two_factor_verified: 1,
        two_factor_verified_at: '2030-01-01T00:00:00.000Z',
        two_factor_methods: ['totp'],
      },
    });
    expect(verified).toMatchObject({
      kind: 'valid',
      session: {
        two_factor_verified: true,
        two_factor_verified_at: '2030-01-01T00:00:00.000Z',
        two_factor_methods: ['totp'],
      },
    });
    const camel = readValidateResponse({
      success: true,
      session: { userId: 'u1', twoFactorVerified: true, twoFactorMethods: '["email","backup_codes"]' },
    });
    expect(camel).toMatchObject({
      session: { two_factor_verified: true, two_factor_methods: ['email', 'backup_codes'] },
    });
    const plain = readValidateResponse({ success: true, session: { user_id: 'u1', two_factor_verified: 0 } });
    expect(plain).toMatchObject({ session: { two_factor_verified: false, two_factor_methods: [] } });
  });

  it('reads the older data envelope and a top-level expires_at', () => {
    const verdict = readValidateResponse({
      success: true,
      data: { valid: true, user: { id: 'u1', email: 'b@x.io' }, session: { id: 's' } },
      expires_at: '2999-01-01T00:00:00Z',
    });
    expect(verdict).toMatchObject({ kind: 'valid', session: { user_id: 'u1', user_type: 'customer' } });
  });

  it('treats success:false on a 200 as an invalid session, and recognises expiry', () => {
    expect(readValidateResponse({ success: false, error: 'Session expired' })).toEqual({
      kind: 'invalid',
      expired: true,
      reason: 'Session expired',
    });
    expect(readValidateResponse({ success: true, data: { valid: false } })).toMatchObject({
      kind: 'invalid',
    });
  });

  it('calls a body without a user id or of the wrong type unreadable', () => {
    expect(readValidateResponse({ success: true }).kind).toBe('unreadable');
    expect(readValidateResponse('<html>').kind).toBe('unreadable');
    expect(readValidateResponse({ success: 'yes' }).kind).toBe('unreadable');
  });

  it('drops an expiry that does not parse', () => {
    const verdict = readValidateResponse({ success: true, session: { user_id: 'u', expires_at: 'soon' } });
    expect(verdict).toMatchObject({ kind: 'valid', session: { expires_at: null } });
  });
});

describe('readRejection()', () => {
  it('distinguishes a rejected bridge secret from an invalid session', () => {
    expect(readRejection({ error: 'Invalid bridge secret' }).secretRejected).toBe(true);
    expect(readRejection({ error: 'Invalid session' })).toEqual({
      expired: false,
      secretRejected: false,
      reason: 'Invalid session',
    });
    expect(readRejection(null).reason).toBe('Invalid session');
  });
});
