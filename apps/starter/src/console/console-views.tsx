/**
 * @module What the console shows: to a visitor, what this is and the way to Flowless's sign-in
 * page; to a signed-in person, who they are, their items and the form that creates one. Every
 * input has a label, a field's error sits next to it, and notices are announced.
 */
import type { Item } from '../items/item.js';
import type { ItemFormErrors, ItemFormValues } from './item-form.js';

/** A notice above the content: an error (announced at once) or a success. */
export interface ConsoleNotice {
  readonly kind: 'error' | 'success';
  readonly message: string;
}

function Notice({ notice }: { notice: ConsoleNotice | undefined }) {
  if (!notice) return null;
  return (
    <p class={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      {notice.message}
    </p>
  );
}

/**
 * The signed-out page.
 */
export function SignedOutView(props: { signInUrl: string; notice?: ConsoleNotice | undefined }) {
  return (
    <>
      <h1>Flowfull starter console</h1>
      <Notice notice={props.notice} />
      <section>
        <p>
          This page is served by the starter backend itself. Sign in on Flowless's hosted page and it sends
          you back here; the starter then checks your session with Flowless over the bridge, as it does for
          every API call, and shows your items.
        </p>
        <p>
          <a class="button" id="sign-in" href={props.signInUrl}>
            Sign in with Flowless
          </a>
        </p>
      </section>
    </>
  );
}

const EMPTY_FORM: ItemFormValues = { title: '', description: '', is_public: false };

function fieldAttributes(name: keyof ItemFormValues, errors: ItemFormErrors) {
  return errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `field-${name}-error` } : {};
}

function FieldError({ name, errors }: { name: keyof ItemFormValues; errors: ItemFormErrors }) {
  const message = errors[name];
  return message ? (
    <p class="field-error" id={`field-${name}-error`}>
      {message}
    </p>
  ) : null;
}

function NewItemForm({ values, errors }: { values: ItemFormValues; errors: ItemFormErrors }) {
  return (
    <form method="post" action="/console/items" id="new-item" novalidate>
      <div class="field">
        <label for="field-title">Title</label>
        <input
          id="field-title"
          name="title"
          type="text"
          value={values.title}
          required
          maxlength={200}
          {...fieldAttributes('title', errors)}
        />
        <FieldError name="title" errors={errors} />
      </div>
      <div class="field">
        <label for="field-description">Description (optional)</label>
        <textarea
          id="field-description"
          name="description"
          rows={3}
          {...fieldAttributes('description', errors)}
        >
          {values.description}
        </textarea>
        <FieldError name="description" errors={errors} />
      </div>
      <div class="field check">
        <input id="field-is_public" name="is_public" type="checkbox" checked={values.is_public} />
        <label for="field-is_public">Public (everyone may see it)</label>
      </div>
      <button type="submit" id="create-item">
        Create item
      </button>
    </form>
  );
}

function ItemTable({ items, total }: { items: readonly Item[]; total: number }) {
  if (items.length === 0) return <p class="muted">No items yet.</p>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Visibility</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span class="muted">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr>
              <td>{item.title}</td>
              <td>{item.is_public ? 'Public' : 'Private'}</td>
              <td>
                <time datetime={item.created_at}>{item.created_at.slice(0, 16).replace('T', ' ')}</time>
              </td>
              <td>
                <form
                  method="post"
                  action={`/console/items/${encodeURIComponent(item.id)}/delete`}
                  data-confirm={`Delete "${item.title}"?`}
                >
                  <button type="submit" class="link" aria-label={`Delete ${item.title}`}>
                    Delete
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > items.length ? <p class="muted">{`Showing the newest ${items.length} of ${total}.`}</p> : null}
    </>
  );
}

/** What {@link SignedInView} shows. */
export interface SignedInViewProps {
  /** The person, as Flowless named them (email, else name, else user id). */
  who: string;
  userType: string;
  items: readonly Item[];
  total: number;
  notice?: ConsoleNotice | undefined;
  form?: { values: ItemFormValues; errors: ItemFormErrors } | undefined;
}

/**
 * The signed-in page.
 */
export function SignedInView(props: SignedInViewProps) {
  return (
    <>
      <h1>Your items</h1>
      <p id="signed-in-as">
        Signed in as <strong>{props.who}</strong> ({props.userType})
      </p>
      <Notice notice={props.notice} />
      <section aria-labelledby="new-item-heading">
        <h2 id="new-item-heading">New item</h2>
        <NewItemForm values={props.form?.values ?? EMPTY_FORM} errors={props.form?.errors ?? {}} />
      </section>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">{`Items (${props.total})`}</h2>
        <ItemTable items={props.items} total={props.total} />
      </section>
    </>
  );
}
