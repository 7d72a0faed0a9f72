import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from 'flowfull/config';
import { describe, expect, it } from 'vitest';
import { loadFlowlessConfig } from './flowless-config.js';

const SECRET = 'a-bridge-secret-of-at-least-32-chars!!';
const base = { DATABASE_URL: 'file:./.data/flowless-test.db', BRIDGE_VALIDATION_SECRET: SECRET };
const load = (env: Record<string, string>) => loadFlowlessConfig({ ...base, ...env }, { dotenv: false });

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadFlowlessConfig(env, { dotenv: false });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  return [];
}

describe('loadFlowlessConfig()', () => {
  it('listens on 3000 by default (the Flowless port), not flowfull’s 3001, and honours PORT', () => {
    expect(load({}).PORT).toBe(3000);
    expect(load({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('resolves flowfull’s shared keys and the Flowless section in one frozen object', () => {
    const config = load({
      CACHE_TTL: '60',
      SESSION_IDLE_TIMEOUT_MS: '3600000',
      CORS_ORIGINS: 'https://a.test, https://b.test',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config.DATABASE_TYPE).toBe('libsql');
    expect(config.CACHE_TTL_MS).toBe(60_000);
    expect(config.SESSION_IDLE_TIMEOUT_MS).toBe(3_600_000);
    expect(config.SESSION_ABSOLUTE_LIFETIME_MS).toBe(30 * 24 * 3_600_000);
    expect(config.CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
    expect(config.REVOCATION_CHANNEL).toBe('flowless:revocations');
    expect(config.REQUIRE_EMAIL_VERIFICATION).toBe(true);
  });

  it('turns two-factor on by default, with no required user type and no separate key', () => {
    const config = load({});
    expect(config.TWO_FACTOR_ENABLED).toBe(true);
    expect(config.TWO_FACTOR_REQUIRED_USER_TYPES).toEqual([]);
    expect(config.TWO_FACTOR_BACKUP_SECRET).toBeNull();
    expect(config.TWO_FACTOR_PENDING_TTL_MS).toBe(300_000);
    expect(config.TWO_FACTOR_CODE_TTL_MS).toBe(600_000);
    const custom = load({ TWO_FACTOR_ENABLED: 'false', TWO_FACTOR_REQUIRED_USER_TYPES: 'admin, superadmin' });
    expect(custom.TWO_FACTOR_ENABLED).toBe(false);
    expect(custom.TWO_FACTOR_REQUIRED_USER_TYPES).toEqual(['admin', 'superadmin']);
  });

  it('refuses a short two-factor key and lifetimes beyond 5 minutes (pending) or 10 minutes (codes)', () => {
    expect(
      problemsOf({
        ...base,
        TWO_FACTOR_BACKUP_SECRET: 'too-short',
        TWO_FACTOR_PENDING_TTL_MS: '300001',
        TWO_FACTOR_CODE_TTL_MS: '600001',
      }),
    ).toEqual(
      expect.arrayContaining([
        'TWO_FACTOR_BACKUP_SECRET',
        'TWO_FACTOR_PENDING_TTL_MS',
        'TWO_FACTOR_CODE_TTL_MS',
      ]),
    );
  });

  it('requires a bridge secret of 32+ characters, naming it without echoing the secret', () => {
    let message = '';
    try {
      loadFlowlessConfig({ BRIDGE_VALIDATION_SECRET: 'short-secret-value' }, { dotenv: false });
    } catch (error) {
      message = (error as Error).message;
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe('ERR_CONFIG_INVALID');
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['BRIDGE_VALIDATION_SECRET']);
    }
    expect(message).toContain('BRIDGE_VALIDATION_SECRET');
    expect(message).not.toContain('short-secret-value');
  });

  it('runs on an embedded libSQL file under DATA_DIR when DATABASE_URL is not set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowless-config-'));
    const env = { BRIDGE_VALIDATION_SECRET: SECRET, DATA_DIR: join(dir, 'state') };
    const config = loadFlowlessConfig(env, { dotenv: false });
    expect(config.DATABASE_URL).toBe(`file:${join(dir, 'state', 'flowless.db')}`);
    expect(config.DATABASE_TYPE).toBe('libsql');
    const explicit = loadFlowlessConfig({ ...env, DATABASE_URL: 'postgres://h/auth' }, { dotenv: false });
    expect(explicit).toMatchObject({ DATABASE_URL: 'postgres://h/auth', DATABASE_TYPE: 'postgresql' });
  });

  it('rejects malformed Flowless variables next to good ones', () => {
    expect(problemsOf({ ...base, SESSION_COOKIE_SECURE: 'maybe', RATE_LIMIT_LOGIN_MAX: '0' })).toEqual([
      'SESSION_COOKIE_SECURE',
      'RATE_LIMIT_LOGIN_MAX',
    ]);
    expect(problemsOf({ ...base, FRONTEND_URL: 'ftp://example.test' })).toEqual(['FRONTEND_URL']);
    expect(problemsOf({ ...base, SESSION_COOKIE_SECURE: 'false', RATE_LIMIT_LOGIN_MAX: '5' })).toEqual([]);
  });

  it('refuses a lockout that allows more than 100 failures an hour, and an idle timeout past the lifetime', () => {
    expect(
      problemsOf({
        ...base,
        LOGIN_MAX_FAILURES: '30',
        LOGIN_FAILURE_WINDOW_MS: '600000',
        LOGIN_LOCK_MS: '600000',
      }),
    ).toEqual(['LOGIN_MAX_FAILURES']);
    expect(
      problemsOf({ ...base, SESSION_IDLE_TIMEOUT_MS: '7200000', SESSION_ABSOLUTE_LIFETIME_MS: '3600000' }),
    ).toEqual(['SESSION_IDLE_TIMEOUT_MS']);
  });

  it('refuses a privileged DEFAULT_USER_TYPE under any spelling: public registration would create admins', () => {
    for (const type of ['admin', 'superadmin', 'super_admin', 'Admin', 'SUPER-ADMIN']) {
      expect({ type, problems: problemsOf({ ...base, DEFAULT_USER_TYPE: type }) }).toEqual({
        type,
        problems: ['DEFAULT_USER_TYPE'],
      });
    }
    expect(load({ DEFAULT_USER_TYPE: 'client' }).DEFAULT_USER_TYPE).toBe('client');
  });

  it('parses OIDC_PROVIDERS (scopes defaulted) and refuses bad JSON, bad entries, built-in or repeated ids, without echoing secrets', () => {
    const entry = {
      id: 'keycloak',
      issuer: 'https://sso.example.test/realms/main',
      client_id: 'c',
      client_secret: 'topsecret',
    };
    expect(load({ OIDC_PROVIDERS: JSON.stringify([entry]) }).OIDC_PROVIDERS).toEqual([
      { ...entry, scopes: ['openid', 'email', 'profile'] },
    ]);
    expect(load({}).OIDC_PROVIDERS).toEqual([]);
    for (const value of [
      'not json',
      JSON.stringify([{ ...entry, issuer: 'ftp://x' }]),
      JSON.stringify([{ ...entry, id: 'github' }]),
      JSON.stringify([entry, entry]),
    ]) {
      expect(problemsOf({ ...base, OIDC_PROVIDERS: value })).toEqual(['OIDC_PROVIDERS']);
    }
    try {
      load({ OIDC_PROVIDERS: JSON.stringify([{ ...entry, issuer: 'nope' }]) });
    } catch (error) {
      expect(String(error instanceof ConfigError ? error.message : error)).not.toContain('topsecret');
    }
  });

  it('requires SOCIAL_TOKEN_ENCRYPTION_KEY (32 bytes) with SOCIAL_STORE_PROVIDER_TOKENS, and a tenant with Microsoft', () => {
    expect(problemsOf({ ...base, SOCIAL_STORE_PROVIDER_TOKENS: 'true' })).toEqual([
      'SOCIAL_TOKEN_ENCRYPTION_KEY',
    ]);
    expect(problemsOf({ ...base, SOCIAL_TOKEN_ENCRYPTION_KEY: 'abcd' })).toEqual([
      'SOCIAL_TOKEN_ENCRYPTION_KEY',
    ]);
    expect(
      load({ SOCIAL_STORE_PROVIDER_TOKENS: 'true', SOCIAL_TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) })
        .SOCIAL_STORE_PROVIDER_TOKENS,
    ).toBe(true);
    expect(
      problemsOf({ ...base, SOCIAL_MICROSOFT_CLIENT_ID: 'id', SOCIAL_MICROSOFT_CLIENT_SECRET: 's' }),
    ).toEqual(['SOCIAL_MICROSOFT_TENANT']);
    expect(problemsOf({ ...base, SOCIAL_STATE_TTL_MS: '900000' })).toEqual(['SOCIAL_STATE_TTL_MS']);
  });
});
