import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeValidatorOptionsFromConfig } from 'flowfull/bridge';
import { loadConfig } from 'flowfull/config';
import { authOptionsFromConfig } from 'flowfull/middleware';
import { ValidationMode, validationModeOptionsFromConfig } from 'flowfull/validation';
import { describe, expect, it } from 'vitest';

const cwd = mkdtempSync(join(tmpdir(), 'bridge-config-'));
const env = {
  DATABASE_URL: 'postgres://app@127.0.0.1:5432/app',
  BRIDGE_VALIDATION_SECRET: 'b'.repeat(32),
  FLOWLESS_API_URL: 'http://127.0.0.1:3999',
  BRIDGE_TIMEOUT_MS: '1500',
  BRIDGE_GRACE_PERIOD_MS: '30000',
  CACHE_TTL: '120',
  AUTH_VALIDATION_MODE: 'STRICT',
  AUTH_SESSION_FROM_QUERY: 'false',
  TRUSTED_PROXIES: '10.0.0.0/8,127.0.0.1',
};

describe('options from the loaded configuration', () => {
  it('maps the bridge keys to BridgeValidator options', () => {
    const config = loadConfig(env, { cwd });
    const options = bridgeValidatorOptionsFromConfig(config);
    expect(options).toMatchObject({
      flowlessApiUrl: 'http://127.0.0.1:3999',
      validationSecret: 'b'.repeat(32),
      timeout: 1500,
      retryAttempts: config.BRIDGE_RETRY_ATTEMPTS,
      gracePeriod: 30_000,
      negativeCacheTtl: config.BRIDGE_NEGATIVE_CACHE_TTL_MS,
      cacheTtl: 120,
      redis: config.REDIS_URL,
      validationMode: { mode: 'STRICT', enabled: true, autoInvalidate: false },
    });
  });

  it('lets overrides win over the configuration', () => {
    const options = bridgeValidatorOptionsFromConfig(loadConfig(env, { cwd }), { timeout: 10, redis: null });
    expect(options.timeout).toBe(10);
    expect(options.redis).toBeNull();
  });

  it('maps the AUTH_* keys to a working ValidationMode', () => {
    const modes = new ValidationMode(validationModeOptionsFromConfig(loadConfig(env, { cwd })));
    expect(modes.mode).toBe('STRICT');
  });

  it('maps the request-reading keys to middleware options', () => {
    expect(authOptionsFromConfig(loadConfig(env, { cwd }))).toEqual({
      sessionFromQuery: false,
      trustedProxies: ['10.0.0.0/8', '127.0.0.1'],
    });
  });
});
