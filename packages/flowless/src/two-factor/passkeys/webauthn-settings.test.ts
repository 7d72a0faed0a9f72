import { ConfigError } from 'flowfull/config';
import { describe, expect, it } from 'vitest';
import { loadFlowlessConfig } from '../../config/flowless-config.js';
import { transportsOf, webauthnSettings } from './webauthn-settings.js';

const base = {
  DATABASE_URL: 'file:./.data/flowless-test.db',
  BRIDGE_VALIDATION_SECRET: 'a-bridge-secret-of-at-least-32-characters',
};
const load = (env: Record<string, string>) => loadFlowlessConfig({ ...base, ...env }, { dotenv: false });
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    load(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => p.variable);
  }
};

describe('webauthnSettings()', () => {
  it('takes the RP id and the origin from FRONTEND_URL by default, with a 5-minute challenge', () => {
    expect(webauthnSettings(load({ FRONTEND_URL: 'https://app.example.com:8443/path' }))).toEqual({
      rpId: 'app.example.com',
      rpName: 'Flowless',
      origins: ['https://app.example.com:8443'],
      challengeTtlMs: 300_000,
    });
  });

  it('uses WEBAUTHN_RP_ID and WEBAUTHN_ORIGINS when set', () => {
    const settings = webauthnSettings(
      load({
        FRONTEND_URL: 'https://app.example.com',
        WEBAUTHN_RP_ID: 'example.com',
        WEBAUTHN_ORIGINS: 'https://app.example.com, https://admin.example.com',
        TWO_FACTOR_ISSUER: 'Acme',
      }),
    );
    expect(settings).toMatchObject({
      rpId: 'example.com',
      rpName: 'Acme',
      origins: ['https://app.example.com', 'https://admin.example.com'],
    });
  });

  it('refuses origins outside the RP id and challenges living more than 5 minutes', () => {
    expect(problemsOf({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://evil.test' })).toEqual([
      'WEBAUTHN_ORIGINS',
    ]);
    expect(problemsOf({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://notexample.com' })).toEqual(
      ['WEBAUTHN_ORIGINS'],
    );
    expect(problemsOf({ WEBAUTHN_CHALLENGE_TTL_MS: '300001' })).toEqual(['WEBAUTHN_CHALLENGE_TTL_MS']);
    expect(problemsOf({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://a.example.com' })).toEqual(
      [],
    );
  });
});

describe('transportsOf()', () => {
  it('keeps only the transports WebAuthn defines', () => {
    expect(transportsOf(['internal', 'telepathy', 'hybrid'])).toEqual(['hybrid', 'internal']);
  });
});
