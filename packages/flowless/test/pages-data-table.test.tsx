/**
 * The shared table and row-action form of the hosted pages: headers with their scope (a hidden
 * one for a column of buttons), an optional screen-reader caption, the line shown instead of an
 * empty table, and the one-button form with only the attributes it was given.
 */
import { describe, expect, it } from 'vitest';
import { type Column, DataTable, RowAction } from '../src/pages/data-table.js';

interface Fruit {
  name: string;
  count: number;
}

const COLUMNS: readonly Column<Fruit>[] = [
  { header: 'Fruit', rowHeader: true, cell: (fruit) => fruit.name },
  { header: 'Count', cell: (fruit) => String(fruit.count) },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (fruit) => <button type="button">{`Eat ${fruit.name}`}</button>,
  },
];

const html = (node: unknown) => String(node);

describe('DataTable', () => {
  it('draws column headers, a row header cell and one row per item', () => {
    const out = html(
      <DataTable
        id="fruit"
        caption="Fruit in stock"
        columns={COLUMNS}
        rows={[{ name: '<pear>', count: 2 }]}
      />,
    );
    expect(out).toContain('<div class="table-wrap"><table id="fruit">');
    expect(out).toContain('<caption class="visually-hidden">Fruit in stock</caption>');
    expect(out).toContain('<th scope="col">Fruit</th><th scope="col">Count</th>');
    expect(out).toContain('<th scope="col"><span class="visually-hidden">Action</span></th>');
    expect(out).toContain('<tr><th scope="row">&lt;pear&gt;</th><td>2</td><td><button type="button">');
  });

  it('shows the empty line instead of the table when there are no rows', () => {
    const out = html(<DataTable columns={COLUMNS} rows={[]} empty={<p class="muted">No fruit.</p>} />);
    expect(out).toBe('<p class="muted">No fruit.</p>');
  });

  it('draws the empty table when no empty line is given, without id or caption', () => {
    const out = html(<DataTable columns={COLUMNS} rows={[]} />);
    expect(out).toContain('<table><thead>');
    expect(out).toContain('<tbody></tbody>');
    expect(out).not.toContain('caption');
  });
});

describe('RowAction', () => {
  it('posts the hidden field with a named, confirming button', () => {
    const out = html(
      <RowAction
        action="/fruit/eat"
        field={{ name: 'fruit', value: 'pear' }}
        label="Eat"
        ariaLabel="Eat the pear"
        confirm='Eat "pear"?'
      />,
    );
    expect(out).toBe(
      '<form method="post" action="/fruit/eat"><input type="hidden" name="fruit" value="pear"/>' +
        '<button type="submit" class="secondary" aria-label="Eat the pear" data-confirm="Eat &quot;pear&quot;?">Eat</button></form>',
    );
  });

  it('leaves out the field and the question it was not given, and can GET', () => {
    const out = html(<RowAction method="get" action="/fruit/1/eat" label="Eat" ariaLabel="Eat fruit 1" />);
    expect(out).toBe(
      '<form method="get" action="/fruit/1/eat"><button type="submit" class="secondary" aria-label="Eat fruit 1">Eat</button></form>',
    );
  });
});
