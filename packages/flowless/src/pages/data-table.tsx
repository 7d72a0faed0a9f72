/**
 * @module The tables of the hosted pages, drawn one way: a scrolling wrapper, column headers
 * (`scope="col"`; a column of buttons gets a header read by screen readers only), an optional
 * caption for screen readers, and a line in place of the table when there are no rows. Also the
 * small form a row's action button sits in (revoke, unlink, end), so it works without script.
 */
import type { Child } from 'hono/jsx';

/** One column of a {@link DataTable}. */
export interface Column<Row> {
  /** The header text. */
  header: string;
  /** The header is read by screen readers only (a column of action buttons). @default false */
  hiddenHeader?: boolean;
  /** The cell names its row (`<th scope="row">`). @default false */
  rowHeader?: boolean;
  cell: (row: Row) => Child;
}

/** What {@link DataTable} draws. */
export interface DataTableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** The table's `id`, for links and tests. */
  id?: string;
  /** A caption for screen readers only. */
  caption?: string;
  /** Shown instead of the table when there are no rows; without it the empty table is drawn. */
  empty?: Child;
}

function HeaderCell<Row>({ column }: { column: Column<Row> }) {
  return (
    <th scope="col">
      {column.hiddenHeader ? <span class="visually-hidden">{column.header}</span> : column.header}
    </th>
  );
}

/**
 * A table of `rows`, one cell per column.
 *
 * @example
 * ```tsx
 * <DataTable id="tokens-table" rows={tokens} empty={<p class="muted">No tokens.</p>}
 *   columns={[{ header: 'Name', cell: (token) => token.name }]} />
 * ```
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  if (props.rows.length === 0 && props.empty !== undefined) return <>{props.empty}</>;
  return (
    <div class="table-wrap">
      <table id={props.id}>
        {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.columns.map((column) => (
              <HeaderCell column={column} />
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((column) =>
                column.rowHeader ? <th scope="row">{column.cell(row)}</th> : <td>{column.cell(row)}</td>,
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What {@link RowAction} draws. */
export interface RowActionProps {
  /** Where the form goes. */
  action: string;
  /** `get` for an action that first asks on a confirmation page. @default 'post' */
  method?: 'get' | 'post';
  /** The hidden field naming the row, when the action's path does not. */
  field?: { name: string; value: string };
  /** The button's text. */
  label: string;
  /** The button's accessible name, naming the row ("Revoke ci token"). */
  ariaLabel: string;
  /** The question `pages.js` asks before sending. */
  confirm?: string;
}

/**
 * A row's action: a one-button form.
 */
export function RowAction(props: RowActionProps) {
  return (
    <form method={props.method ?? 'post'} action={props.action}>
      {props.field ? <input type="hidden" name={props.field.name} value={props.field.value} /> : null}
      <button type="submit" class="secondary" aria-label={props.ariaLabel} data-confirm={props.confirm}>
        {props.label}
      </button>
    </form>
  );
}
