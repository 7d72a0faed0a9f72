/**
 * @module Which parts of Flowless are on, read from the configuration and the services: two-factor
 * and its methods, passkeys, social providers, API tokens, picture storage, Redis, mail, the
 * database. Nothing secret is named (a bucket or a provider id, never a key).
 */
import type { FlowlessServices } from '../../../services/flowless-services.js';
import { createSocialProviders } from '../../../social/social-providers.js';

/** One module and its state. */
export interface ModuleState {
  readonly name: string;
  readonly on: boolean;
  readonly detail: string;
}

/**
 * The state of each module.
 */
export function moduleStates(services: FlowlessServices): ModuleState[] {
  const { config, twoFactor } = services;
  const methods = twoFactor.availableMethods().filter((method) => method !== 'passkey');
  const required = config.TWO_FACTOR_REQUIRED_USER_TYPES;
  const providers = [...createSocialProviders(config).keys()];
  const rpId = config.WEBAUTHN_RP_ID ?? new URL(config.FRONTEND_URL).hostname;
  const redis = config.REDIS_URL !== null;
  return [
    {
      name: 'Two-factor authentication',
      on: config.TWO_FACTOR_ENABLED,
      detail: `Methods: ${methods.join(', ')}. Required for: ${required.length > 0 ? required.join(', ') : 'no type'}.`,
    },
    {
      name: 'Passkeys',
      on: config.TWO_FACTOR_ENABLED,
      detail: `Relying party ${rpId}; they go with two-factor authentication.`,
    },
    {
      name: 'Social sign-in',
      on: providers.length > 0,
      detail: providers.length > 0 ? `Providers: ${providers.join(', ')}.` : 'No provider configured.',
    },
    {
      name: 'API tokens',
      on: true,
      detail: `At most ${config.API_TOKEN_MAX_PER_USER} per user.`,
    },
    {
      name: 'Profile pictures',
      on: true,
      detail:
        config.PICTURE_S3_BUCKET === null
          ? 'Stored in the folder DATA_DIR/pictures.'
          : `Stored in the S3-compatible bucket ${config.PICTURE_S3_BUCKET}.`,
    },
    {
      name: 'Redis',
      on: redis,
      detail: redis
        ? `Shared rate limits and revocations; session cache tier ${config.CACHE_ENABLED ? 'on' : 'off'}.`
        : 'Not configured: counters and caches are in memory (one instance).',
    },
    {
      name: 'Mail',
      on: true,
      detail: config.SMTP_URL === null ? 'Written to the outbox folder (no SMTP_URL).' : 'Sent through SMTP.',
    },
    {
      name: 'Email verification required',
      on: config.REQUIRE_EMAIL_VERIFICATION,
      detail: 'Sign-in is refused until the address is verified.',
    },
    {
      name: 'Database',
      on: true,
      detail: `${config.DATABASE_TYPE}.`,
    },
  ];
}
