/**
 * @module The parts of `/account/tokens`: the list of the user's personal API tokens (name,
 * prefix, dates; never a secret), each with its revoke button, and the secret of a token just
 * created, shown this once in a `<code>` block easy to select and copy.
 */
import type { ApiTokenSummary } from '../../api-tokens/api-token-record.js';
import { type Column, DataTable, RowAction } from '../data-table.js';
import { formatTime } from './account-kit.js';

const TOKEN_COLUMNS: readonly Column<ApiTokenSummary>[] = [
  { header: 'Name', cell: (token) => token.name },
  { header: 'Prefix', cell: (token) => <code>{`${token.displayPrefix}…`}</code> },
  { header: 'Created', cell: (token) => formatTime(token.createdAt) },
  {
    header: 'Expires',
    cell: (token) => (token.expiresAt === null ? 'Never' : formatTime(token.expiresAt)),
  },
  { header: 'Last used', cell: (token) => formatTime(token.lastUsedAt) },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (token) => (
      <RowAction
        action="/account/tokens/revoke"
        field={{ name: 'token', value: token.id }}
        label="Revoke"
        ariaLabel={`Revoke ${token.name}`}
        confirm={`Revoke the token "${token.name}"? Anything using it stops working.`}
      />
    ),
  },
];

/**
 * The tokens, newest first, or a line saying there are none.
 */
export function TokenList({ tokens }: { tokens: readonly ApiTokenSummary[] }) {
  return (
    <DataTable
      id="tokens-table"
      columns={TOKEN_COLUMNS}
      rows={tokens}
      empty={<p class="muted">You have no API tokens.</p>}
    />
  );
}

/**
 * The secret of the token just created, shown once.
 */
export function NewTokenSecret({ name, secret }: { name: string; secret: string }) {
  return (
    <section class="card new-secret" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">{`Your new token "${name}"`}</h2>
      <p role="status">Copy it now: it is shown only once. Anyone holding it can act as you.</p>
      <code id="new-token-secret" class="secret">
        {secret}
      </code>
    </section>
  );
}
