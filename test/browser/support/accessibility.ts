/**
 * @module Accessibility checks with axe-core. The pages send a strict nonce Content-Security-Policy,
 * which blocks an injected inline `<script>`; so axe's source is evaluated through the DevTools
 * protocol (`page.evaluate`), which the page's policy does not govern, and the page itself keeps
 * its policy (no `bypassCSP`), so a test still sees what the policy blocks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** The impacts that fail a check. */
const FAILING: readonly ImpactValue[] = ['serious', 'critical'];

let axeSource: string | null = null;

/** axe-core's browser bundle, read once from the installed package. */
function axeScript(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** The serious and critical violations of a page, and a message that lists them. */
export interface AccessibilityReport {
  readonly violations: readonly Result[];
  /** One paragraph per violation (rule, impact, help link, offending elements); empty when none. */
  readonly message: string;
}

function describeViolation(violation: Result): string {
  const nodes = violation.nodes.map((node) => `  - ${node.target.join(' ')}: ${node.failureSummary ?? ''}`);
  return [`[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`, ...nodes].join(
    '\n',
  );
}

/**
 * Runs axe-core on the page's current document; resolves its serious and critical violations.
 *
 * @example
 * ```ts
 * const report = await checkAccessibility(page);
 * expect(report.violations, report.message).toEqual([]);
 * ```
 */
export async function checkAccessibility(page: Page, options: RunOptions = {}): Promise<AccessibilityReport> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeScript());
  const results = await page.evaluate(
    async (runOptions) =>
      (globalThis as unknown as { axe: { run(o: RunOptions): Promise<AxeResults> } }).axe.run(runOptions),
    { resultTypes: ['violations'], ...options } satisfies RunOptions,
  );
  const violations = results.violations.filter((violation) => FAILING.includes(violation.impact ?? 'minor'));
  return { violations, message: violations.map(describeViolation).join('\n\n') };
}
