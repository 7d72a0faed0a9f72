/**
 * @module Random JSON documents for property tests of duplicate-key detection: objects are lists
 * of entries, so a key may repeat, and each tree knows whether it does.
 */
import fc from 'fast-check';

/** A JSON value whose objects keep every entry, duplicates included, in order. */
export type JsonTree =
  | { readonly kind: 'scalar'; readonly value: null | boolean | number | string }
  | { readonly kind: 'array'; readonly items: readonly JsonTree[] }
  | { readonly kind: 'object'; readonly entries: readonly JsonEntry[] };

/** One `"key": value` of an object, the key written plainly or entirely as `\uXXXX` escapes. */
export interface JsonEntry {
  readonly key: string;
  readonly escaped: boolean;
  readonly spaced: boolean;
  readonly value: JsonTree;
}

// Few distinct keys, so that duplicates are common; some arbitrary UTF-16 (lone surrogates too).
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'sub', 'kid', '__proto__', 'é', '"', '\\'),
  fc.string({ maxLength: 3, unit: 'binary' }),
);

const trees = fc.letrec<{ node: JsonTree; scalar: JsonTree; array: JsonTree; object: JsonTree }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('array'), tie('object')),
  scalar: fc
    .oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string(),
    )
    .map((value) => ({ kind: 'scalar' as const, value })),
  array: fc.array(tie('node'), { maxLength: 4 }).map((items) => ({ kind: 'array' as const, items })),
  object: fc
    .array(fc.record({ key, escaped: fc.boolean(), spaced: fc.boolean(), value: tie('node') }), {
      maxLength: 5,
    })
    .map((entries) => ({ kind: 'object' as const, entries })),
}));

/** Any JSON value. */
export const jsonTree: fc.Arbitrary<JsonTree> = trees.node;
/** A JSON object (a token payload). */
export const jsonObjectTree: fc.Arbitrary<JsonTree> = trees.object;

const escapeAll = (text: string): string =>
  `"${[...Array(text.length).keys()].map((i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`;

/**
 * The JSON text of a tree.
 */
export function jsonText(tree: JsonTree): string {
  switch (tree.kind) {
    case 'scalar':
      return JSON.stringify(tree.value);
    case 'array':
      return `[${tree.items.map(jsonText).join(',')}]`;
    case 'object':
      return `{${tree.entries
        .map(({ key, escaped, spaced, value }) => {
          const name = escaped ? escapeAll(key) : JSON.stringify(key);
          return spaced ? ` ${name} :\n${jsonText(value)} ` : `${name}:${jsonText(value)}`;
        })
        .join(',')}}`;
  }
}

/**
 * Whether any object of the tree, at any depth, has the same key twice.
 */
export function hasDuplicate(tree: JsonTree): boolean {
  switch (tree.kind) {
    case 'scalar':
      return false;
    case 'array':
      return tree.items.some(hasDuplicate);
    case 'object':
      return (
        new Set(tree.entries.map((entry) => entry.key)).size !== tree.entries.length ||
        tree.entries.some((entry) => hasDuplicate(entry.value))
      );
  }
}
