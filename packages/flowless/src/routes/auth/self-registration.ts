/**
 * @module The answer to a self-registration. With email verification off, the new user is signed
 * in (a pending session for a type that must use a second factor) and an existing email is a 409.
 * With it on (the default), a new and an already-registered email get the same answer: the new
 * user is sent a verification link, the owner of the existing account a note, and the answer shows
 * the new user or a stand-in with an id that belongs to nobody.
 */
import type { Context } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { loginResult, pendingLoginResult } from '../../http/presenters.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { existingAccountMail } from '../../mail/templates.js';
import type { RegistrationInput, SelfRegistration } from '../../registration/registration-service.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';
import type { UserRecord } from '../../users/user-record.js';
import { queueVerificationMail } from './verification-mail.js';

const REGISTERED = 'Registration received. Check your email to verify your account.';

/** The validated body of a self-registration, with the link the verification mail may point to. */
export type SelfRegistrationBody = RegistrationInput & { verify_url?: string | undefined };

/** The session of a new user signed in at once; `pending` for a type that must set a factor up. */
export interface NewUserSession {
  readonly id: string;
  readonly expiresAt: number;
  readonly pending: boolean;
}

/** Outcome of {@link registerSelf}: a user (or a stand-in) to verify, or a new user signed in. */
export type SelfRegistered =
  | { readonly verify: true; readonly user: UserRecord }
  | { readonly verify: false; readonly user: UserRecord; readonly session: NewUserSession };

/** Signs a new user in, when registration does not wait for email verification. */
async function signInNewUser(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  created: UserRecord,
): Promise<NewUserSession> {
  const { config, sessions, clock } = services;
  const context = {
    ipAddress: c.get('clientIp'),
    userAgent: c.req.header('user-agent') ?? null,
    deviceId: null,
  };
  if (config.TWO_FACTOR_ENABLED && services.twoFactor.isRequiredFor(created)) {
    // A type that must use a second factor gets only a pending session, to set one up.
    const pending = await sessions.issue(created.id, context, { pending: true });
    return { id: pending.id, expiresAt: pending.expiresAt, pending: true };
  }
  const issued = await sessions.issue(created.id, context);
  setSessionCookie(c, issued.id, issued.expiresAt - clock.now(), config.SESSION_COOKIE_SECURE);
  return { id: issued.id, expiresAt: issued.expiresAt, pending: false };
}

/** Mails the new user a verification link, or the owner of the existing account a note. */
function mailOutcome(
  services: FlowlessServices,
  outcome: SelfRegistration,
  body: SelfRegistrationBody,
): void {
  if (outcome.created) {
    queueVerificationMail(services, outcome.user, body.verify_url);
    return;
  }
  const { config, tasks, mailer } = services;
  const loginUrl = new URL('/login', config.FRONTEND_URL).toString();
  tasks.run('mail.existing_account', () => mailer.send(existingAccountMail(body.email, loginUrl)));
}

/**
 * Registers the user of `body` by themselves: with verification on, mails the new user a link
 * (or the owner of the existing account a note); with it off, signs the new user in.
 *
 * @throws FlowlessError 409 `ERR_FLOWLESS_CONFLICT` for a taken username, or a known email when
 *   verification is off; 400 `ERR_FLOWLESS_WEAK_PASSWORD`.
 */
export async function registerSelf(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  body: SelfRegistrationBody,
): Promise<SelfRegistered> {
  const outcome = await services.registration.register(body);
  if (outcome.created) {
    await auditRequest(c, services.audit, selfEvent('sign_up', outcome.user.id, { method: 'password' }));
  }
  if (!services.config.REQUIRE_EMAIL_VERIFICATION) {
    if (!outcome.created) {
      throw new FlowlessError('ERR_FLOWLESS_CONFLICT', 'Email already registered', { status: 409 });
    }
    return { verify: false, user: outcome.user, session: await signInNewUser(c, services, outcome.user) };
  }
  mailOutcome(services, outcome, body);
  return { verify: true, user: outcome.created ? outcome.user : outcome.standIn };
}

/**
 * Registers the user of `body` by themselves and answers (201).
 *
 * @throws FlowlessError as {@link registerSelf}.
 */
export async function answerSelfRegistration(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  body: SelfRegistrationBody,
): Promise<Response> {
  const registered = await registerSelf(c, services, body);
  if (!registered.verify) {
    const { user: created, session } = registered;
    if (session.pending) {
      const answer = pendingLoginResult(created, session.id, session.expiresAt, []);
      return c.json({ ...answer, data: answer }, 201);
    }
    const result = { id: created.id, ...loginResult(created, session.id, session.expiresAt) };
    return c.json({ success: true, message: 'Registration successful', data: result, ...result }, 201);
  }
  const user = presentUser(registered.user);
  return c.json(
    {
      success: true,
      message: REGISTERED,
      requires_verification: true,
      data: { id: user.id, user },
      id: user.id,
      user,
    },
    201,
  );
}
