import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseFailOn } from '../src/matrix/policy';
import { readHistory } from '../src/matrix/history';
import { loadHarness } from '../src/harness';
import { UserInputError } from '../src/config/errors';
import { generateAllureReport } from './report';
import { matrixHistoryFile, reportsDir } from '../src/config/paths';

/**
 * `npm run matrix -- [--fail-on never|regression|any-failure] [any playwright test option]`
 * Runs every task in every installed browser, then writes the Allure report next to the matrix.
 * Exit codes: 0 = policy satisfied, 1 = policy violated (or the run failed), 2 = bad input, 130 = interrupted.
 */
function parseArgs(argv: string[]): { failOn?: string; rest: string[] } {
  const rest: string[] = [];
  let failOn: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--fail-on') failOn = argv[++i] ?? '';
    else if (arg.startsWith('--fail-on=')) failOn = arg.slice('--fail-on='.length);
    else rest.push(arg);
  }
  return { failOn, rest };
}

function wroteResultsSince(since: number): boolean {
  const dir = path.resolve(reportsDir(), 'allure-results');
  return fs.existsSync(dir) && fs.readdirSync(dir).some((f) => fs.statSync(path.join(dir, f)).mtimeMs >= since - 1_000);
}

async function main(): Promise<number> {
  const { failOn, rest } = parseArgs(process.argv.slice(2));
  // Validate everything that can be wrong before any browser starts or any report is touched.
  process.env.FAIL_ON = parseFailOn(failOn ?? process.env.FAIL_ON);
  loadHarness();
  readHistory(matrixHistoryFile());
  // Run Playwright's CLI directly (not through npx) so signals reach the runner itself.
  const cli = require.resolve('@playwright/test/cli');
  const started = Date.now();
  const child = spawn(process.execPath, [cli, 'test', ...rest], { stdio: 'inherit', env: process.env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGINT', forward('SIGINT'));
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1))));
  // A run that stopped before any test wrote results must not re-publish the previous run's Allure report.
  if (!wroteResultsSince(started)) return code || 1;
  if (!generateAllureReport()) return code || 1;
  return code;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof UserInputError ? `portal-matrix: ${error.message}` : error);
  process.exit(2);
});
