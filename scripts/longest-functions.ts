/**
 * @module Checks the function-length limit (`npm run lint:functions [-- <limit>]`, 90 lines by
 * default): parses the tracked sources of packages/<name>/src, apps/<name>/src and bench with the
 * TypeScript compiler, lists every function-like node (function, arrow, method, accessor,
 * constructor) longer than the limit, prints the five longest, and fails when any is over.
 * Tests and the common-passwords list are left out.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

interface FunctionSpan {
  readonly file: string;
  readonly line: number;
  readonly lines: number;
}

const LIMIT = Number(process.argv[2] ?? 90);
if (!Number.isInteger(LIMIT) || LIMIT < 1)
  throw new Error(`limit must be a positive integer, got ${process.argv[2]}`);

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', 'packages/*/src/**', 'apps/*/src/**', 'bench/**'], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((file) => /\.(ts|tsx|mts)$/.test(file))
    .filter((file) => !file.endsWith('.test.ts') && !file.includes('common-passwords'));
}

function spans(file: string): FunctionSpan[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: FunctionSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const all = trackedFiles()
  .flatMap(spans)
  .sort((a, b) => b.lines - a.lines);
const over = all.filter((span) => span.lines > LIMIT);
for (const span of over) process.stdout.write(`${span.file}:${span.line} ${span.lines} lines\n`);
process.stdout.write(`${over.length} function(s) over ${LIMIT} lines; longest:\n`);
for (const span of all.slice(0, 5)) process.stdout.write(`  ${span.file}:${span.line} ${span.lines} lines\n`);
process.exitCode = over.length > 0 ? 1 : 0;
