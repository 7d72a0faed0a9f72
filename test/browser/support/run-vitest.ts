/**
 * @module Runs Vitest on one test file in a child process, with changed environment variables,
 * and reads its JSON report: for suites about the test set-up itself (what a run without
 * Chromium does).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One test of the report. */
export interface ReportedTest {
  ancestorTitles: string[];
  title: string;
  status: string;
}

/** What the child run did. */
export interface VitestRun {
  exitCode: number;
  stderr: string;
  tests: ReportedTest[];
}

/**
 * Runs `vitest run <file>` with `env` (a value of `undefined` removes the variable).
 */
export async function runVitest(file: string, env: Record<string, string | undefined>): Promise<VitestRun> {
  const outputFile = join(await mkdtemp(join(tmpdir(), 'vitest-report-')), 'report.json');
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }
  const vitest = join(process.cwd(), 'node_modules', 'vitest', 'vitest.mjs');
  const args = [vitest, 'run', file, '--reporter=json', `--outputFile=${outputFile}`];
  const { exitCode, stderr } = await new Promise<{ exitCode: number; stderr: string }>((resolve) => {
    execFile(process.execPath, args, { env: childEnv }, (error, _stdout, stderrText) => {
      resolve({ exitCode: error === null ? 0 : Number(error.code ?? 1), stderr: stderrText });
    });
  });
  const report = await readFile(outputFile, 'utf8').catch(() => '{"testResults":[]}');
  const parsed = JSON.parse(report) as { testResults: { assertionResults: ReportedTest[] }[] };
  return { exitCode, stderr, tests: parsed.testResults.flatMap((result) => result.assertionResults) };
}
