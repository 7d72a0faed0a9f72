/**
 * @module The passkey routes: `POST /auth/two_factor/passkey/setup` (creation options for a new
 * passkey; the response goes to `POST /auth/two_factor/verify` with `action: 'setup'`),
 * `POST /auth/two_factor/passkey/start` (request options for the user's passkeys as a second
 * factor; the assertion goes to verify with `action: 'login'`), and the passwordless pair
 * `POST /auth/passkey/login/options` + `POST /auth/passkey/login`, which signs in with a
 * discoverable passkey alone (user verification required) and records it as the session's
 * verified factor.
 */
import type { Hono } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { FlowlessError, invalidSession } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { loginResult } from '../../http/presenters.js';
import { parseBody, readBody } from '../../http/request-body.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { emailNotVerified } from '../auth/password-login.js';
import { passkeyLoginBody, passkeySetupBody, toAuthenticationResponse } from './passkey-schemas.js';
import { currentUser, twoFactorOn, twoFactorSession } from './two-factor-guards.js';

/** 401 `PASSKEY_REFUSED`: the passwordless sign-in failed (unknown passkey, bad signature, …). */
function passkeyLoginRefused(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_CREDENTIALS', 'Invalid credentials', {
    status: 401,
    extra: { code: 'PASSKEY_REFUSED' },
  });
}

const optionsAnswer = (options: object, message: string) => ({
  success: true,
  method: 'passkey',
  options,
  public_key: options,
  publicKey: options,
  message,
});

/** The passkey as a second factor: `passkey/setup` and `passkey/start`. */
function registerPasskeyFactorRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { passkeys, twoFactor, logger } = services;
  const on = twoFactorOn(services);

  app.post(
    '/auth/two_factor/passkey/setup',
    rateLimit(services, 'default'),
    on,
    twoFactorSession(services, true),
    async (c) => {
      await parseBody(c, passkeySetupBody);
      const user = await currentUser(services, c);
      const session = c.get('session');
      // A pending session may add one only when the user must have a factor and has none yet.
      if (
        session.pending &&
        (await twoFactor.loginMethods(user, await twoFactor.methodsOf(user.id))).length > 0
      )
        throw invalidSession();
      const options = await passkeys.registrationOptions(user, session.hash);
      logger.info(
        { event: 'two_factor.setup_started', user_id: user.id, method: 'passkey' },
        'second-factor setup started',
      );
      return c.json(
        optionsAnswer(
          options,
          'Create the passkey, then send it as credential to POST /auth/two_factor/verify (method passkey, action setup)',
        ),
      );
    },
  );

  app.post(
    '/auth/two_factor/passkey/start',
    rateLimit(services, 'login'),
    on,
    twoFactorSession(services, true),
    async (c) => {
      const session = c.get('session');
      if ((await passkeys.listOf(session.userId)).length === 0) {
        throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'No active passkey method', { status: 404 });
      }
      const options = await passkeys.authenticationOptions({
        purpose: 'second_factor',
        userId: session.userId,
        sessionHash: session.hash,
      });
      return c.json(
        optionsAnswer(
          options,
          'Sign with a passkey, then send it as credential to POST /auth/two_factor/verify',
        ),
      );
    },
  );
}

/** The passwordless pair: `/auth/passkey/login/options` and `/auth/passkey/login`. */
function registerPasskeyLoginRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { passkeys, users, sessions, config, clock, logger } = services;
  const on = twoFactorOn(services);

  app.post('/auth/passkey/login/options', rateLimit(services, 'login'), on, async (c) => {
    await readBody(c);
    const options = await passkeys.authenticationOptions({ purpose: 'login' });
    return c.json(
      optionsAnswer(options, 'Sign with a passkey, then send it as credential to POST /auth/passkey/login'),
    );
  });

  app.post('/auth/passkey/login', rateLimit(services, 'login'), on, async (c) => {
    const body = await parseBody(c, passkeyLoginBody);
    const used = await passkeys.authenticate(toAuthenticationResponse(body.credential), { purpose: 'login' });
    const user = used ? await users.findById(used.userId) : null;
    const ip = c.get('clientIp');
    if (!used || !user || user.isBanned) {
      await auditRequest(c, services.audit, {
        action: 'sign_in.failed',
        outcome: 'failure',
        subjectUserId: user?.id ?? null,
        details: { method: 'passkey', reason: user ? 'banned' : 'passkey_refused' },
      });
      logger.info(
        { event: 'login.failed', user_id: user?.id ?? null, ip, factor: 'passkey' },
        'login failed',
      );
      throw passkeyLoginRefused();
    }
    if (config.REQUIRE_EMAIL_VERIFICATION && !user.isVerified) {
      throw emailNotVerified();
    }
    const context = {
      ipAddress: ip === 'unknown' ? null : ip,
      userAgent: c.req.header('user-agent') ?? null,
      deviceId: null,
    };
    const issued = await sessions.issue(user.id, context);
    // A user-verified passkey is possession and a PIN or biometric in one: the session records it
    // as its verified factor, so step-up routes (requireTwoFactor) admit it.
    await sessions.markVerified(issued.id, 'passkey');
    setSessionCookie(c, issued.id, issued.expiresAt - clock.now(), config.SESSION_COOKIE_SECURE);
    logger.info({ event: 'login.succeeded', user_id: user.id, ip, factor: 'passkey' }, 'login succeeded');
    await auditRequest(c, services.audit, selfEvent('sign_in.succeeded', user.id, { method: 'passkey' }));
    return c.json({ success: true, ...loginResult(user, issued.id, issued.expiresAt) });
  });
}

/**
 * Registers the passkey routes (before the generic `/auth/two_factor/:method/*` routes).
 */
export function registerPasskeyRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  registerPasskeyFactorRoutes(app, services);
  registerPasskeyLoginRoutes(app, services);
}
