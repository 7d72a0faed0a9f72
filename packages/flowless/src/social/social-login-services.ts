/**
 * @module Wires social login from the Flowless services: the configured providers, the pending
 * logins and the linked accounts (with the token cipher when provider tokens are kept).
 */
import type { FlowlessServices } from '../services/flowless-services.js';
import { createProviderTokenCipher } from './provider-token-cipher.js';
import { createSocialAccounts, type SocialAccounts } from './social-accounts.js';
import type { SocialProvider } from './social-provider.js';
import { createSocialProviders } from './social-providers.js';
import { decodeAesKey } from './social-section.js';
import { createSocialStateStore, type SocialStateStore } from './social-state-store.js';

/** What the social routes use. */
export interface SocialLoginServices {
  readonly providers: ReadonlyMap<string, SocialProvider>;
  readonly states: SocialStateStore;
  readonly accounts: SocialAccounts;
}

/**
 * Builds the {@link SocialLoginServices}.
 */
export function createSocialLoginServices(services: FlowlessServices): SocialLoginServices {
  const { config, db, clock, users } = services;
  const key = config.SOCIAL_STORE_PROVIDER_TOKENS
    ? decodeAesKey(config.SOCIAL_TOKEN_ENCRYPTION_KEY ?? '')
    : null;
  return {
    providers: createSocialProviders(config),
    states: createSocialStateStore(db, clock, config.SOCIAL_STATE_TTL_MS),
    accounts: createSocialAccounts({
      db,
      users,
      clock,
      defaultUserType: config.DEFAULT_USER_TYPE,
      cipher: key ? createProviderTokenCipher(key) : null,
    }),
  };
}
