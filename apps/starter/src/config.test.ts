import { ConfigError, loadConfig } from 'flowfull/config';
import { DEFAULT_BODY_LIMIT } from 'flowfull/server';
import { describe, expect, it } from 'vitest';
import { flowlessPublicUrl, starterVariables } from './config.js';

const BASE = { DATABASE_URL: 'file:starter.db', BRIDGE_VALIDATION_SECRET: 's'.repeat(32) };
const load = (env: Record<string, string>) =>
  loadConfig({ ...BASE, ...env }, { extend: starterVariables, dotenv: false });

describe("the starter's configuration", () => {
  it("defaults the body limit to flowfull's and share links to a day", () => {
    const config = load({});
    expect(config.BODY_LIMIT_BYTES).toBe(DEFAULT_BODY_LIMIT);
    expect(config.SHARE_LINK_TTL_MINUTES).toBe(1440);
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(starterVariables.BODY_LIMIT_BYTES.default).toBe('1048576');
  });

  it('parses its own variables beside flowfull’s', () => {
    const config = load({
      BODY_LIMIT_BYTES: '2048',
      SHARE_LINK_TTL_MINUTES: '60',
      CORS_ORIGINS: 'https://a.test',
    });
    expect(config).toMatchObject({ BODY_LIMIT_BYTES: 2048, SHARE_LINK_TTL_MINUTES: 60, PORT: 3001 });
    expect(config.CORS_ORIGINS).toEqual(['https://a.test']);
  });

  it('sends browsers to FLOWLESS_PUBLIC_URL, else to FLOWLESS_API_URL, and refuses a URL that is not http(s)', () => {
    expect(flowlessPublicUrl(load({ FLOWLESS_API_URL: 'http://10.0.0.5:3000/' }))).toBe(
      'http://10.0.0.5:3000',
    );
    const both = load({
      FLOWLESS_API_URL: 'http://10.0.0.5:3000',
      FLOWLESS_PUBLIC_URL: 'https://auth.example.com/',
    });
    expect(flowlessPublicUrl(both)).toBe('https://auth.example.com');
    expect(() => load({ FLOWLESS_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
  });

  it('rejects out-of-range values in one error', () => {
    const thrown = ((): unknown => {
      try {
        return load({ BODY_LIMIT_BYTES: '10', SHARE_LINK_TTL_MINUTES: '0' });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems.map((problem) => problem.variable)).toEqual([
      'BODY_LIMIT_BYTES',
      'SHARE_LINK_TTL_MINUTES',
    ]);
  });
});
