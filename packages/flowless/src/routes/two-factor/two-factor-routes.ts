/**
 * @module `/auth/two_factor` (see docs/two-factor.md): the system switch, the user's methods,
 * setting a
 * method up and starting a code. `verify` lives in two-factor-verify-route.ts; toggle, removal and
 * backup codes in two-factor-manage-routes.ts. Pending sessions reach only `start`, `verify` and,
 * for a user who must set a factor up first, `setup`. Passkeys have their own routes
 * (passkey-routes.ts).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { badRequest, FlowlessError, invalidSession } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentMethod } from '../../two-factor/present-method.js';
import type { SendOutcome } from '../../two-factor/two-factor-service.js';
import type { UserRecord } from '../../users/user-record.js';
import { registerPasskeyRoutes } from './passkey-routes.js';
import {
  activePrimaries,
  currentUser,
  methodUnavailable,
  pickFactor,
  twoFactorOn,
  twoFactorSession,
} from './two-factor-guards.js';
import { registerTwoFactorManageRoutes } from './two-factor-manage-routes.js';
import { methodParam, setupBody, startBody } from './two-factor-schemas.js';
import { registerTwoFactorVerifyRoute } from './two-factor-verify-route.js';

const PHONE = /^\+[1-9]\d{6,14}$/;

function throttled(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_RATE_LIMITED', 'A code was sent less than a minute ago', {
    status: 429,
    headers: { 'Retry-After': '60' },
    extra: { code: 'RESEND_TOO_SOON', retry_after: 60 },
  });
}

const sentAnswer = (outcome: SendOutcome & { sent: true }) => ({
  verification_sent: true,
  verificationSent: true,
  expires_in: outcome.expiresInS,
  expiresIn: outcome.expiresInS,
});

/** 409: the method is active already. */
const alreadyActive = (method: string) =>
  new FlowlessError('ERR_FLOWLESS_CONFLICT', `Method ${method} is already active; remove it first`, {
    status: 409,
  });

/**
 * Starts a TOTP setup for `user`: a pending factor with its new secret, `otpauth://` URI and QR
 * code (SVG), to be shown once and confirmed by one code.
 *
 * @throws FlowlessError 409 when the user has an active TOTP factor.
 */
export async function startTotpSetup(services: FlowlessServices, user: UserRecord) {
  const setup = await services.twoFactor.setupTotp(user);
  if (!setup) throw alreadyActive('totp');
  services.logger.info(
    { event: 'two_factor.setup_started', user_id: user.id, method: 'totp' },
    'second-factor setup started',
  );
  return setup;
}

/** `GET /auth/two_factor/system` and `GET /auth/two_factor/methods`. */
function registerSystemRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { config, twoFactor } = services;
  const on = twoFactorOn(services);
  app.get('/auth/two_factor/system', (c) => {
    const enabled = config.TWO_FACTOR_ENABLED;
    const methods = enabled ? twoFactor.availableMethods() : [];
    const system = {
      global_two_factor_enabled: enabled,
      globalTwoFactorEnabled: enabled,
      available_methods: methods,
      availableMethods: methods,
    };
    return c.json({ success: true, ...system, data: system });
  });

  app.get('/auth/two_factor/methods', on, twoFactorSession(services, false), async (c) => {
    const user = await currentUser(services, c);
    const available = new Set<string>(twoFactor.availableMethods());
    const methods = (await twoFactor.methodsOf(user.id))
      .filter((m) => available.has(m.method))
      .map(presentMethod);
    const enabled =
      user.twoFactor && methods.some((m) => m.status === 'active' && m.method !== 'backup_codes');
    return c.json({
      success: true,
      data: { methods },
      methods,
      two_factor_enabled: enabled,
      twoFactorEnabled: enabled,
    });
  });
}

/** `POST /auth/two_factor/:method/setup`. */
function registerSetupRoute(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { twoFactor, logger } = services;
  const on = twoFactorOn(services);
  const limited = rateLimit(services, 'default');
  app.post('/auth/two_factor/:method/setup', limited, on, twoFactorSession(services, true), async (c) => {
    const method = methodParam(c.req.param('method'));
    if (!method || method === 'backup_codes' || method === 'passkey')
      throw badRequest('method must be totp, email or sms');
    if (!twoFactor.availableMethods().includes(method)) throw methodUnavailable(method);
    const body = await parseBody(c, setupBody);
    const user = await currentUser(services, c);
    const session = c.get('session');
    // A pending session may set a factor up only when the user must have one and has none yet.
    if (session.pending) {
      const usable = await twoFactor.loginMethods(user, await twoFactor.methodsOf(user.id));
      if (usable.length > 0) throw invalidSession();
    }
    if (method === 'totp') {
      const setup = await startTotpSetup(services, user);
      return c.json({
        success: true,
        method_id: setup.method.id,
        methodId: setup.method.id,
        method: 'totp',
        status: 'pending_setup',
        secret: setup.secret,
        otpauth_url: setup.uri,
        otpauthUrl: setup.uri,
        qr_code_svg: setup.svg,
        qrCodeSvg: setup.svg,
        verification_sent: false,
        verificationSent: false,
        message: 'Scan the QR code, then confirm one code with POST /auth/two_factor/verify (action setup)',
      });
    }
    const raw = (
      body.identifier ??
      (method === 'email' ? (body.email ?? user.email) : body.phone) ??
      ''
    ).trim();
    const identifier = method === 'email' ? raw.toLowerCase() : raw.replace(/[\s().-]/g, '');
    if (method === 'email' && !z.email().safeParse(identifier).success)
      throw badRequest('A valid email is required');
    if (method === 'sms' && !PHONE.test(identifier))
      throw badRequest('A phone number in E.164 form is required');
    const factor = await twoFactor.setupCoded(user, method, identifier);
    if (!factor) throw alreadyActive(method);
    const outcome = await twoFactor.sendCode(factor, session.hash);
    if (!outcome.sent) throw throttled();
    logger.info(
      { event: 'two_factor.setup_started', user_id: user.id, method },
      'second-factor setup started',
    );
    return c.json({
      success: true,
      method_id: factor.id,
      methodId: factor.id,
      method,
      status: 'pending_setup',
      ...sentAnswer(outcome),
      message: 'A code was sent; confirm it with POST /auth/two_factor/verify (action setup)',
    });
  });
}

/** `POST /auth/two_factor/:method/start`. */
function registerStartRoute(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { twoFactor, logger } = services;
  const on = twoFactorOn(services);
  const codeLimited = rateLimit(services, 'login');
  app.post('/auth/two_factor/:method/start', codeLimited, on, twoFactorSession(services, true), async (c) => {
    const method = methodParam(c.req.param('method'));
    // Passkeys have their own start route (registered first); this one sends or expects codes.
    if (!method || method === 'passkey') throw badRequest('method must be totp, email, sms or backup_codes');
    if (!twoFactor.availableMethods().includes(method)) throw methodUnavailable(method);
    const body = await parseBody(c, startBody);
    const session = c.get('session');
    const methods = await twoFactor.methodsOf(session.userId);
    const status = body.action === 'setup' ? 'pending_setup' : 'active';
    const factor = pickFactor(methods, { id: body.method_id, method }, status);
    if (
      !factor ||
      (status === 'active' && method !== 'backup_codes' && !activePrimaries(methods).includes(factor))
    ) {
      throw new FlowlessError(
        'ERR_FLOWLESS_NOT_FOUND',
        `No ${status === 'active' ? 'active' : 'pending'} ${method} method`,
        {
          status: 404,
        },
      );
    }
    if (method === 'totp' || method === 'backup_codes') {
      return c.json({
        success: true,
        method,
        verification_sent: false,
        verificationSent: false,
        message:
          method === 'totp'
            ? 'Enter the code shown by your authenticator app'
            : 'Enter one of your backup codes',
      });
    }
    const outcome = await twoFactor.sendCode(factor, session.hash);
    if (!outcome.sent) throw throttled();
    logger.info(
      { event: 'two_factor.code_sent', user_id: session.userId, method },
      'second-factor code sent',
    );
    return c.json({ success: true, method, ...sentAnswer(outcome), message: 'Verification code sent' });
  });
}

/**
 * Registers every `/auth/two_factor` route.
 */
export function registerTwoFactorRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  // Before `/:method/setup` and `/:method/start`, which would otherwise match the passkey paths.
  registerPasskeyRoutes(app, services);
  registerSystemRoutes(app, services);
  registerSetupRoute(app, services);
  registerStartRoute(app, services);
  registerTwoFactorVerifyRoute(app, services);
  registerTwoFactorManageRoutes(app, services);
}
