/**
 * @module The passkey steps of `POST /auth/two_factor/verify`: `action: 'setup'` with
 * `method: 'passkey'` stores the registration response in `credential`; `action: 'login'` (or
 * `remove`) checks the assertion in `credential` against a challenge from
 * `POST /auth/two_factor/passkey/start` on the same session.
 */
import { badRequest, FlowlessError } from '../../errors.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { TwoFactorMethodRecord } from '../../two-factor/factor-store.js';
import type { UserRecord } from '../../users/user-record.js';
import {
  authenticationCredential,
  registrationCredential,
  toAuthenticationResponse,
  toRegistrationResponse,
} from './passkey-schemas.js';

/** 400 `PASSKEY_REFUSED`: the WebAuthn response was not accepted (the log says why). */
export function passkeyRefused(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_CODE', 'The passkey response was not accepted', {
    status: 400,
    extra: { code: 'PASSKEY_REFUSED', verified: false },
  });
}

/**
 * Stores the passkey whose registration response `body.credential` carries.
 *
 * @throws FlowlessError 400 for a missing or malformed response, `PASSKEY_REFUSED` when refused.
 */
export async function registerPasskey(
  services: FlowlessServices,
  user: UserRecord,
  sessionHash: string,
  body: { credential?: Record<string, unknown> | undefined; name?: string | undefined },
): Promise<TwoFactorMethodRecord> {
  const parsed = registrationCredential.safeParse(body.credential);
  if (!parsed.success) throw badRequest('credential must be the registration response of the passkey');
  const name = body.name ?? 'Passkey';
  const added = await services.passkeys.register(
    user,
    toRegistrationResponse(parsed.data),
    sessionHash,
    name,
  );
  if (!added) throw passkeyRefused();
  services.logger.info(
    { event: 'passkey.registered', user_id: user.id, passkey_id: added.id, device_type: added.deviceType },
    'passkey registered',
  );
  const factor = (await services.twoFactor.methodsOf(user.id)).find((m) => m.id === added.id);
  if (!factor) throw passkeyRefused();
  return factor;
}

/**
 * Checks the assertion in `body.credential` as a second factor of `userId` on the session
 * `sessionHash`; false when it is missing, malformed or refused.
 */
export async function checkPasskeyAssertion(
  services: FlowlessServices,
  userId: string,
  sessionHash: string,
  body: { credential?: Record<string, unknown> | undefined },
): Promise<boolean> {
  const parsed = authenticationCredential.safeParse(body.credential);
  if (!parsed.success) return false;
  const used = await services.passkeys.authenticate(toAuthenticationResponse(parsed.data), {
    purpose: 'second_factor',
    userId,
    sessionHash,
  });
  return used !== null;
}
