/**
 * @module The signed-in user's linked provider identities (see docs/social-login.md): list them,
 * and unlink one
 * provider unless it is the last way to sign in (no password and no other provider).
 */
import type { Hono } from 'hono';
import { iso } from '../../db/values.js';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireSession } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SocialLoginServices } from '../../social/social-login-services.js';

/**
 * Registers `GET /auth/social/accounts` and `DELETE /auth/social/accounts/:provider`.
 */
export function registerSocialAccountRoutes(
  app: Hono<FlowlessEnv>,
  services: FlowlessServices,
  social: SocialLoginServices,
): void {
  app.get('/auth/social/accounts', requireSession(services), async (c) => {
    const accounts = await social.accounts.list(c.get('session').userId);
    return c.json({
      success: true,
      accounts: accounts.map((account) => ({
        provider: account.provider,
        provider_user_id: account.providerUserId,
        providerUserId: account.providerUserId,
        email: account.email,
        linked_at: iso(account.linkedAt),
        linkedAt: iso(account.linkedAt),
      })),
    });
  });

  app.delete(
    '/auth/social/accounts/:provider',
    rateLimit(services, 'default'),
    requireSession(services),
    async (c) => {
      const provider = c.req.param('provider');
      const outcome = await social.accounts.unlink(c.get('session').userId, provider);
      if (outcome === 'not_linked') {
        throw new FlowlessError('ERR_FLOWLESS_SOCIAL_NOT_LINKED', `No ${provider} account is linked`, {
          status: 404,
        });
      }
      if (outcome === 'last_login_method') {
        throw new FlowlessError(
          'ERR_FLOWLESS_SOCIAL_LAST_LOGIN_METHOD',
          'This is the only way to sign in to the account: set a password or link another provider first',
          { status: 409 },
        );
      }
      return c.json({ success: true, message: `${provider} account unlinked`, provider });
    },
  );
}
