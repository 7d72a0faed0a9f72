/**
 * @module The fresh proof a sensitive change asks for on the account pages: the current password
 * or, for a user with an authenticator app, one of its codes. The JSON routes take the same proof
 * (`current_password` or `verification_code`), checked by the same service.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { ProofInput } from '../../routes/two-factor/two-factor-guards.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { FormFields } from '../form-body.js';
import { Field, type FieldErrors } from '../form-fields.js';
import type { ErrorPlacement } from './account-kit.js';

/** Where a refused proof is shown. */
export const PROOF_PLACEMENT: ErrorPlacement = {
  PROOF_REQUIRED: {
    field: 'current_password',
    message: 'Enter your current password (or a code from your authenticator app)',
  },
  ERR_FLOWLESS_INVALID_CREDENTIALS: { field: 'current_password' },
  INVALID_CODE: { field: 'verification_code', message: 'That code is not valid; try the next one' },
  ERR_FLOWLESS_BAD_REQUEST: { field: 'verification_code' },
};

/**
 * Whether the viewer can prove it is them with an authenticator code (an active TOTP factor,
 * other than `excludeId`, while two-factor is on).
 */
export async function offersTotpProof(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  excludeId?: string,
): Promise<boolean> {
  if (!services.config.TWO_FACTOR_ENABLED) return false;
  const methods = await services.twoFactor.methodsOf(c.get('session').userId);
  return methods.some((m) => m.method === 'totp' && m.status === 'active' && m.id !== excludeId);
}

/**
 * The proof of a posted form: an authenticator code when one was typed, else the password (an
 * empty one is left out, so the service answers that a proof is needed).
 */
export function proofFrom(form: FormFields): ProofInput {
  const code = form.verification_code?.replace(/\s/g, '') ?? '';
  if (code !== '') return { verification_code: code, verification_method: 'totp' };
  const password = form.current_password ?? '';
  return password === '' ? {} : { current_password: password };
}

/**
 * The proof inputs: the current password, and the authenticator code when `totp`.
 */
export function ProofFields(props: { errors?: FieldErrors | undefined; totp: boolean }) {
  return (
    <fieldset class="proof">
      <legend>Confirm it is you</legend>
      <Field
        name="current_password"
        label="Current password"
        type="password"
        autocomplete="current-password"
        errors={props.errors}
      />
      {props.totp ? (
        <Field
          name="verification_code"
          label="Or a code from your authenticator app"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength={10}
          errors={props.errors}
        />
      ) : null}
    </fieldset>
  );
}
