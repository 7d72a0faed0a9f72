/**
 * @module The parts of `/account/tokens`: the list of the user's personal API tokens (name,
 * prefix, dates; never a secret), each with its revoke button, and the secret of a token just
 * created, shown this once in a `<code>` block easy to select and copy.
 */
import type { ApiTokenSummary } from '../../api-tokens/api-token-record.js';
import { formatTime } from './account-kit.js';

/**
 * The tokens, newest first, or a line saying there are none.
 */
export function TokenList({ tokens }: { tokens: readonly ApiTokenSummary[] }) {
  if (tokens.length === 0) return <p class="muted">You have no API tokens.</p>;
  return (
    <div class="table-wrap">
      <table id="tokens-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr>
              <td>{token.name}</td>
              <td>
                <code>{`${token.displayPrefix}…`}</code>
              </td>
              <td>{formatTime(token.createdAt)}</td>
              <td>{token.expiresAt === null ? 'Never' : formatTime(token.expiresAt)}</td>
              <td>{formatTime(token.lastUsedAt)}</td>
              <td>
                <form method="post" action="/account/tokens/revoke">
                  <input type="hidden" name="token" value={token.id} />
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={`Revoke ${token.name}`}
                    data-confirm={`Revoke the token "${token.name}"? Anything using it stops working.`}
                  >
                    Revoke
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
