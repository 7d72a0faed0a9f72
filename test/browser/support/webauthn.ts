/**
 * @module A virtual WebAuthn authenticator in Chromium (DevTools protocol `WebAuthn` domain): a
 * platform authenticator with resident keys and user verification that answers
 * `navigator.credentials.create/get` without a prompt, so passkey journeys run headless.
 */
import type { CDPSession, Page } from 'playwright-core';

/** A credential the virtual authenticator holds. */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  userHandle?: string;
  signCount: number;
}

/** An authenticator attached to one page's browser context. */
export interface VirtualAuthenticator {
  readonly id: string;
  /** The credentials it holds (ids base64). */
  credentials(): Promise<VirtualCredential[]>;
  /** Whether the next ceremonies report the user as verified (a failed fingerprint when false). */
  setUserVerified(verified: boolean): Promise<void>;
  /** Detaches it; later ceremonies find no authenticator. */
  remove(): Promise<void>;
}

/**
 * Adds a CTAP2 internal (platform) authenticator to `page`, with resident keys, user verification
 * (verified) and automatic presence, so ceremonies complete without interaction.
 *
 * @example
 * ```ts
 * const authenticator = await addVirtualAuthenticator(page);
 * // … register a passkey through the page …
 * expect(await authenticator.credentials()).toHaveLength(1);
 * ```
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    id: authenticatorId,
    async credentials() {
      return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    },
    async setUserVerified(verified) {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: verified });
    },
    async remove() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    },
  };
}
