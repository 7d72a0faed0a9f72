/**
 * @module The read-only parts of a user's admin page: profile, second factors, passkeys, linked
 * accounts, API tokens and sessions (each session with its own end button). Nothing secret is
 * shown: factor addresses are masked, tokens by their public prefix, sessions by row id.
 */
import type { Child } from 'hono/jsx';
import type { ApiTokenSummary } from '../../../api-tokens/api-token-record.js';
import type { SessionSummary } from '../../../sessions/session-directory.js';
import type { LinkedAccount } from '../../../social/social-accounts.js';
import type { TwoFactorMethodRecord } from '../../../two-factor/factor-store.js';
import type { PasskeyRecord } from '../../../two-factor/passkeys/passkey-store.js';
import { presentMethod } from '../../../two-factor/present-method.js';
import type { UserRecord } from '../../../users/user-record.js';
import { type Column, DataTable, RowAction } from '../../data-table.js';
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

/** A card listing `items` under its heading, or saying there are none. */
function ListCard<Item>(props: {
  id: string;
  title: string;
  items: readonly Item[];
  none: string;
  item: (item: Item) => Child;
}) {
  return (
    <section class="card" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.items.length === 0 ? (
        <p>{props.none}</p>
      ) : (
        <ul>
          {props.items.map((item) => (
            <li>{props.item(item)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The user's passkeys.
 */
export function PasskeySection({ passkeys }: { passkeys: readonly PasskeyRecord[] }) {
  return (
    <ListCard
      id="passkeys"
      title="Passkeys"
      items={passkeys}
      none="No passkeys."
      item={(passkey) => (
        <>
          {passkey.name} ({passkey.deviceType === 'multiDevice' ? 'synced' : 'this device only'}), added{' '}
          <Time ms={passkey.createdAt} />, last used <Time ms={passkey.lastUsedAt} />
        </>
      )}
    />
  );
}

/**
 * The provider accounts linked to the user.
 */
export function LinkedAccountSection({ accounts }: { accounts: readonly LinkedAccount[] }) {
  return (
    <ListCard
      id="linked"
      title="Linked accounts"
      items={accounts}
      none="No linked accounts."
      item={(account) => (
        <>
          {account.provider}
          {account.email ? ` (${account.email})` : ''}, linked <Time ms={account.linkedAt} />
        </>
      )}
    />
  );
}

/**
 * The user's API tokens, by name and public prefix.
 */
export function ApiTokenSection({ tokens }: { tokens: readonly ApiTokenSummary[] }) {
  return (
    <ListCard
      id="tokens"
      title="API tokens"
      items={tokens}
      none="No API tokens."
      item={(token) => (
        <>
          {token.name} (<code>{token.displayPrefix}…</code>), created <Time ms={token.createdAt} />, expires{' '}
          <Time ms={token.expiresAt} never="never" />, last used <Time ms={token.lastUsedAt} />
        </>
      )}
    />
  );
}

/** The columns of the session table; `base` is the user's sessions path. */
const sessionColumns = (base: string): readonly Column<SessionSummary>[] => [
  { header: 'Device', cell: (session) => session.userAgent ?? 'Unknown device' },
  { header: 'IP address', cell: (session) => session.ipAddress ?? '—' },
  { header: 'Signed in', cell: (session) => <Time ms={session.createdAt} /> },
  { header: 'Last used', cell: (session) => <Time ms={session.lastUsedAt} /> },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (session) => (
      <RowAction
        action={`${base}/${encodeURIComponent(session.id)}/end`}
        label="End"
        ariaLabel={`End session ${session.id}`}
      />
    ),
  },
];

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
      <DataTable columns={sessionColumns(base)} rows={sessions} empty={<p>No active sessions.</p>} />
      <form method="post" action={`${base}/end`} id="end-all-sessions">
        <button type="submit" class="danger" disabled={sessions.length === 0}>
          End every session
        </button>
      </form>
    </section>
  );
}
