import { describe, expectTypeOf, it } from 'vitest';
import type { DatabaseType } from '../db/database-type.js';
import { envInteger, envList, envOptionalString } from './env-schemas.js';
import type { SectionValues } from './env-variable.js';
import { envVariable } from './env-variable.js';
import type { DatabaseSettings, FlowfullConfig } from './flowfull-config.js';

// The public shape of the configuration, written out once here so that deriving it from the
// declarations cannot change a field's name or type unnoticed.
interface PublishedFlowfullConfig {
  readonly PORT: number;
  readonly HOST: string;
  readonly NODE_ENV: 'development' | 'production' | 'test';
  readonly LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly DATA_DIR: string;
  readonly DATABASE_URL: string;
  readonly DATABASE_TYPE: DatabaseType;
  readonly DATABASE_POOL_MIN: number;
  readonly DATABASE_POOL_MAX: number;
  readonly DATABASE_SSL: false | 'verify' | 'no-verify';
  readonly DATABASE_CONNECT_TIMEOUT_MS: number;
  readonly DATABASE_PREPARED_STATEMENTS: boolean;
  readonly LIBSQL_AUTH_TOKEN: string | null;
  readonly FLOWLESS_API_URL: string;
  readonly BRIDGE_VALIDATION_SECRET: string;
  readonly BRIDGE_TIMEOUT_MS: number;
  readonly BRIDGE_RETRY_ATTEMPTS: number;
  readonly BRIDGE_GRACE_PERIOD_MS: number;
  readonly BRIDGE_NEGATIVE_CACHE_TTL_MS: number;
  readonly BRIDGE_REVOCATION_SOURCE: 'auto' | 'redis' | 'feed' | 'off';
  readonly AUTH_VALIDATION_MODE: 'DISABLED' | 'STANDARD' | 'ADVANCED' | 'STRICT';
  readonly AUTH_ENABLE_VALIDATION_MODE: boolean;
  readonly AUTH_IP_VALIDATION: boolean;
  readonly AUTH_USER_AGENT_VALIDATION: boolean;
  readonly AUTH_DEVICE_VALIDATION: boolean;
  readonly AUTH_AUTO_INVALIDATE: boolean;
  readonly AUTH_LOG_VIOLATIONS: boolean;
  readonly AUTH_SESSION_FROM_QUERY: boolean;
  readonly TRUSTED_PROXIES: readonly string[];
  readonly CACHE_ENABLED: boolean;
  readonly REDIS_URL: string | null;
  readonly CACHE_TTL_MS: number;
  readonly TRUST_TOKEN_SECRET_KEY: string | null;
  readonly TRUST_TOKEN_PUBLIC_KEYS: readonly string[];
  readonly TRUST_TOKEN_LOCAL_KEY: string | null;
}

describe('FlowfullConfig (derived from the declarations)', () => {
  it('has exactly the published fields, each with its published type', () => {
    expectTypeOf<FlowfullConfig>().toEqualTypeOf<PublishedFlowfullConfig>();
  });

  it('pins the types that a mapping or a schema change would alter', () => {
    expectTypeOf<FlowfullConfig['DATABASE_SSL']>().toEqualTypeOf<false | 'verify' | 'no-verify'>();
    expectTypeOf<FlowfullConfig['CACHE_TTL_MS']>().toEqualTypeOf<number>();
    expectTypeOf<FlowfullConfig['LIBSQL_AUTH_TOKEN']>().toEqualTypeOf<string | null>();
    expectTypeOf<FlowfullConfig['TRUSTED_PROXIES']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<FlowfullConfig>().not.toHaveProperty('CACHE_TTL');
  });

  it('gives DatabaseSettings the database keys only', () => {
    expectTypeOf<keyof DatabaseSettings>().toEqualTypeOf<
      | 'DATABASE_URL'
      | 'DATABASE_TYPE'
      | 'DATABASE_POOL_MIN'
      | 'DATABASE_POOL_MAX'
      | 'DATABASE_SSL'
      | 'DATABASE_CONNECT_TIMEOUT_MS'
      | 'DATABASE_PREPARED_STATEMENTS'
      | 'LIBSQL_AUTH_TOKEN'
    >();
  });

  it("types a section's values as its schemas' outputs", () => {
    const section = {
      SIZE: envVariable(envInteger(), '5', 'A size.'),
      TOKEN: envVariable(envOptionalString(), undefined, 'A token.'),
      NAMES: envVariable(envList(), undefined, 'Names.'),
    };
    expectTypeOf<SectionValues<typeof section>>().toEqualTypeOf<{
      readonly SIZE: number;
      readonly TOKEN: string | null;
      readonly NAMES: readonly string[];
    }>();
  });
});
