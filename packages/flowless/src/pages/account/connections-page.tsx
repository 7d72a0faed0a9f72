/**
 * @module `/account/connections`: the provider accounts linked to this account (through the
 * social-accounts service), each with an unlink button that keeps at least one way to sign in,
 * and a link to sign in with each configured provider not linked yet (a provider account whose
 * verified address is this account's joins it).
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { LinkedAccount, UnlinkOutcome } from '../../social/social-accounts.js';
import { createSocialLoginServices, type SocialLoginServices } from '../../social/social-login-services.js';
import { type Column, DataTable, RowAction } from '../data-table.js';
import { readForm } from '../form-body.js';
import { Notice } from '../form-fields.js';
import type { PageRouter } from '../page-router.js';
import { AccountFrame, accountGuards, doneNotice, formatTime } from './account-kit.js';
import { pageRateLimit } from './page-rate-limit.js';

const NAMES: Readonly<Record<string, string>> = {
  google: 'Google',
  github: 'GitHub',
  facebook: 'Facebook',
  apple: 'Apple',
  discord: 'Discord',
  microsoft: 'Microsoft',
};
const nameOf = (provider: string) => NAMES[provider] ?? provider;

/** Why an unlink was refused, by outcome. */
const REFUSALS: Readonly<Record<Exclude<UnlinkOutcome, 'unlinked'>, { message: string; status: 404 | 409 }>> =
  {
    not_linked: { message: 'That provider is not linked to your account.', status: 404 },
    last_login_method: {
      message:
        'This is the only way to sign in to your account: set a password or link another provider first.',
      status: 409,
    },
  };

const LINKED_COLUMNS: readonly Column<LinkedAccount>[] = [
  { header: 'Provider', cell: (account) => nameOf(account.provider) },
  { header: 'Account', cell: (account) => account.email ?? account.providerUserId },
  { header: 'Linked', cell: (account) => formatTime(account.linkedAt) },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (account) => (
      <RowAction
        action="/account/connections/unlink"
        field={{ name: 'provider', value: account.provider }}
        label="Unlink"
        ariaLabel={`Unlink ${nameOf(account.provider)}`}
        confirm={`Unlink ${nameOf(account.provider)}? You can no longer sign in with it.`}
      />
    ),
  },
];

async function renderConnections(
  pages: PageRouter,
  social: SocialLoginServices,
  c: Context<FlowlessEnv>,
  refusal?: { message: string; status: 404 | 409 },
) {
  const accounts = await social.accounts.list(c.get('session').userId);
  const linked = new Set(accounts.map((account) => account.provider));
  const back = new URL('/account/connections', pages.services.config.PUBLIC_URL).toString();
  const connectable = [...social.providers.keys()].filter((id) => !linked.has(id));
  return pages.render(
    c,
    { title: 'Connected accounts', status: refusal?.status ?? 200 },
    <AccountFrame
      title="Connected accounts"
      current="/account/connections"
      notice={doneNotice(c, { unlinked: 'The provider account was unlinked.' })}
    >
      <section class="card" aria-labelledby="linked-heading">
        <h2 id="linked-heading">Linked accounts</h2>
        <Notice kind="error" message={refusal?.message} />
        <DataTable
          id="connections-table"
          columns={LINKED_COLUMNS}
          rows={accounts}
          empty={<p class="muted">No provider accounts are linked.</p>}
        />
      </section>
      {connectable.length > 0 ? (
        <section class="card" aria-labelledby="connect-heading">
          <h2 id="connect-heading">Connect another</h2>
          <p class="muted">
            Sign in with the provider; an account there with this account's verified email joins it.
          </p>
          <ul class="connect-list">
            {connectable.map((id) => (
              <li>
                <a class="button secondary" href={`/auth/social/${id}?redirect=${encodeURIComponent(back)}`}>
                  {`Connect ${nameOf(id)}`}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AccountFrame>,
  );
}

/**
 * Registers the connected-accounts page and unlinking.
 */
export function registerConnectionsPage(pages: PageRouter): void {
  const social = createSocialLoginServices(pages.services);
  const guards = accountGuards();

  pages.get('/account/connections', ...guards, (c) => renderConnections(pages, social, c));
  pages.post('/account/connections/unlink', ...guards, pageRateLimit(pages, 'default'), async (c) => {
    const provider = (await readForm(c)).provider ?? '';
    const outcome = await social.accounts.unlink(c.get('session').userId, provider);
    if (outcome !== 'unlinked') return renderConnections(pages, social, c, REFUSALS[outcome]);
    return c.redirect('/account/connections?done=unlinked', 303);
  });
}
