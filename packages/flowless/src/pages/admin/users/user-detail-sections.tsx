/**
 * @module The read-only parts of a user's admin page: profile, second factors, passkeys, linked
 * accounts, API tokens and sessions (each session with its own end button). Nothing secret is
 * shown: factor addresses are masked, tokens by their public prefix, sessions by row id.
 */
import type { ApiTokenSummary } from '../../../api-tokens/api-token-record.js';
import type { SessionSummary } from '../../../sessions/session-directory.js';
import type { LinkedAccount } from '../../../social/social-accounts.js';
import type { TwoFactorMethodRecord } from '../../../two-factor/factor-store.js';
import type { PasskeyRecord } from '../../../two-factor/passkeys/passkey-store.js';
import { presentMethod } from '../../../two-factor/present-method.js';
import type { UserRecord } from '../../../users/user-record.js';
import { Time, yesNo } from '../admin-format.js';

/**
 * The profile as a description list.
 */
export function ProfileSection({ user }: { user: UserRecord }) {
  const rows: [string, string][] = [
    ['Email', user.email],
    ['Name', [user.name, user.lastName].filter(Boolean).join(' ') || '—'],
    ['Username', user.username ?? '—'],
    ['Phone', user.phone ?? '—'],
    ['Type', user.userType],
    ['Email verified', yesNo(user.isVerified)],
    ['Banned', yesNo(user.isBanned)],
    ['Two-factor on', yesNo(user.twoFactor)],
    ['User id', user.id],
  ];
  return (
    <section class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <dl class="admin-facts">
        {rows.map(([term, value]) => (
          <>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </>
        ))}
        <dt>Created</dt>
        <dd>
          <Time ms={user.createdAt} />
        </dd>
      </dl>
    </section>
  );
}

/**
 * The user's second factors (masked) with when each was last used.
 */
export function FactorList({ factors }: { factors: readonly TwoFactorMethodRecord[] }) {
  if (factors.length === 0) return <p>No second factor is set up.</p>;
  return (
    <ul>
      {factors.map((factor) => {
        const shown = presentMethod(factor);
        return (
          <li>
            {shown.method}
            {shown.identifier ? ` (${shown.identifier})` : ''},{' '}
            {shown.status === 'active' ? 'active' : 'not finished'}, last used <Time ms={factor.lastUsedAt} />
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The user's passkeys.
 */
export function PasskeySection({ passkeys }: { passkeys: readonly PasskeyRecord[] }) {
  return (
    <section class="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      {passkeys.length === 0 ? (
        <p>No passkeys.</p>
      ) : (
        <ul>
          {passkeys.map((passkey) => (
            <li>
              {passkey.name} ({passkey.deviceType === 'multiDevice' ? 'synced' : 'this device only'}), added{' '}
              <Time ms={passkey.createdAt} />, last used <Time ms={passkey.lastUsedAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The provider accounts linked to the user.
 */
export function LinkedAccountSection({ accounts }: { accounts: readonly LinkedAccount[] }) {
  return (
    <section class="card" aria-labelledby="linked-heading">
      <h2 id="linked-heading">Linked accounts</h2>
      {accounts.length === 0 ? (
        <p>No linked accounts.</p>
      ) : (
        <ul>
          {accounts.map((account) => (
            <li>
              {account.provider}
              {account.email ? ` (${account.email})` : ''}, linked <Time ms={account.linkedAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The user's API tokens, by name and public prefix.
 */
export function ApiTokenSection({ tokens }: { tokens: readonly ApiTokenSummary[] }) {
  return (
    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      {tokens.length === 0 ? (
        <p>No API tokens.</p>
      ) : (
        <ul>
          {tokens.map((token) => (
            <li>
              {token.name} (<code>{token.displayPrefix}…</code>), created <Time ms={token.createdAt} />,
              expires <Time ms={token.expiresAt} never="never" />, last used <Time ms={token.lastUsedAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The user's active sessions, each with a button that ends it, and one that ends them all.
 */
export function SessionSection({
  user,
  sessions,
}: {
  user: UserRecord;
  sessions: readonly SessionSummary[];
}) {
  const base = `/admin/users/${encodeURIComponent(user.id)}/sessions`;
  return (
    <section class="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      {sessions.length === 0 ? (
        <p>No active sessions.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">IP address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr>
                  <td>{session.userAgent ?? 'Unknown device'}</td>
                  <td>{session.ipAddress ?? '—'}</td>
                  <td>
                    <Time ms={session.createdAt} />
                  </td>
                  <td>
                    <Time ms={session.lastUsedAt} />
                  </td>
                  <td>
                    <form method="post" action={`${base}/${encodeURIComponent(session.id)}/end`}>
                      <button type="submit" class="secondary" aria-label={`End session ${session.id}`}>
                        End
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action={`${base}/end`} id="end-all-sessions">
        <button type="submit" class="danger" disabled={sessions.length === 0}>
          End every session
        </button>
      </form>
    </section>
  );
}
