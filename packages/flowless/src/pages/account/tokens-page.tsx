/**
 * @module `/account/tokens`: the user's personal API tokens. Creating one takes a name, an
 * optional lifetime and a fresh proof, as `POST /auth/tokens` does (same function), and shows the
 * secret once on the answer page; revoking one is a button per token.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { createApiToken, revokeApiToken } from '../../routes/api-tokens/api-token-routes.js';
import { createTokenBody } from '../../routes/api-tokens/api-token-schemas.js';
import { type FormFields, readForm } from '../form-body.js';
import { Field, type FieldErrors, FormError, Notice, SelectField } from '../form-fields.js';
import type { PageRouter } from '../page-router.js';
import {
  AccountFrame,
  accountGuards,
  doneNotice,
  failureOf,
  issuesByField,
  type PageFailure,
} from './account-kit.js';
import { pageRateLimit } from './page-rate-limit.js';
import { offersTotpProof, PROOF_PLACEMENT, ProofFields, proofFrom } from './proof-fields.js';
import { NewTokenSecret, TokenList } from './token-list.js';

const DAY_MS = 86_400_000;
/** The lifetimes offered, in days ('' for none). */
const LIFETIMES = [
  ['', 'Never expires'],
  ['7', '7 days'],
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', '1 year'],
] as const;

/** What the page shows besides the list: a refusal of the create form, or a new token's secret. */
interface TokensState {
  failure?: PageFailure;
  values?: FormFields;
  created?: { name: string; secret: string };
  /** Why a revocation was refused. */
  revokeFailure?: PageFailure;
}

async function renderTokens(pages: PageRouter, c: Context<FlowlessEnv>, state: TokensState = {}) {
  const { services } = pages;
  const tokens = await services.apiTokens.list(c.get('session').userId);
  const errors: FieldErrors | undefined = state.failure?.errors;
  return pages.render(
    c,
    { title: 'API tokens', status: state.failure?.status ?? state.revokeFailure?.status ?? 200 },
    <AccountFrame
      title="API tokens"
      current="/account/tokens"
      notice={doneNotice(c, { revoked: 'The token was revoked.' })}
    >
      {state.created ? <NewTokenSecret {...state.created} /> : null}
      <section class="card" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        <p class="muted">Personal API tokens let your scripts and tools call apps on your behalf.</p>
        <Notice kind="error" message={state.revokeFailure?.errors.form} />
        <TokenList tokens={tokens} />
      </section>
      <section class="card" aria-labelledby="create-token-heading">
        <h2 id="create-token-heading">Create a token</h2>
        <form id="token-form" method="post" action="/account/tokens">
          <FormError errors={errors} />
          <Field
            name="name"
            label="Name"
            hint="What the token is for"
            value={state.values?.name}
            maxlength={100}
            errors={errors}
          />
          <SelectField
            name="expires_in"
            label="Expires"
            value={state.values?.expires_in ?? ''}
            options={LIFETIMES}
          />
          <ProofFields errors={errors} totp={await offersTotpProof(services, c)} />
          <button type="submit">Create token</button>
        </form>
      </section>
    </AccountFrame>,
  );
}

async function createFromForm(pages: PageRouter, c: Context<FlowlessEnv>): Promise<Response> {
  const { services } = pages;
  const form = await readForm(c);
  const days = LIFETIMES.find(([value]) => value === (form.expires_in ?? ''))?.[0];
  const values = { name: form.name ?? '', expires_in: days ?? '' };
  const parsed = createTokenBody.safeParse({
    name: values.name,
    ...(days ? { expires_at: services.clock.now() + Number(days) * DAY_MS } : {}),
    ...proofFrom(form),
  });
  if (!parsed.success || days === undefined) {
    const errors = parsed.success
      ? { form: 'Choose one of the lifetimes offered' }
      : issuesByField(parsed.error, { name: 'Name' });
    return renderTokens(pages, c, { failure: { errors, status: 422 }, values });
  }
  try {
    const created = await createApiToken(services, c, parsed.data);
    return renderTokens(pages, c, { created: { name: created.token.name, secret: created.secret } });
  } catch (error) {
    return renderTokens(pages, c, { failure: failureOf(error, PROOF_PLACEMENT), values });
  }
}

/**
 * Registers the tokens page, creation and revocation.
 */
export function registerTokensPage(pages: PageRouter): void {
  const { services } = pages;
  const guards = accountGuards();
  const limited = pageRateLimit(pages, 'default');

  pages.get('/account/tokens', ...guards, (c) => renderTokens(pages, c));
  pages.post('/account/tokens', ...guards, limited, (c) => createFromForm(pages, c));
  pages.post('/account/tokens/revoke', ...guards, limited, async (c) => {
    const form = await readForm(c);
    try {
      await revokeApiToken(services, c, form.token ?? '');
    } catch (error) {
      const failure = failureOf(error, {
        TOKEN_NOT_FOUND: { field: 'form', message: 'That token does not exist, or is not yours' },
      });
      return renderTokens(pages, c, { revokeFailure: failure });
    }
    return c.redirect('/account/tokens?done=revoked', 303);
  });
}
