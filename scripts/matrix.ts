import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy, policyText } from '../src/matrix/policy';
import { readHistory } from '../src/matrix/history';
import { UserInputError } from '../src/errors';
import { appendJobSummary } from '../src/config/job-summary';
import { startChild } from '../src/processes/children';
import { ALLURE_POLICY, allureReportBuilt } from '../src/matrix/quick-run';
import { RUN_MARK, endMarked, leftoversAfter, newRunMark } from '../src/processes/leftovers';
import { generateAllureReport } from './report';
import { matrixHistoryFile, reportsDir } from '../src/config/paths';

/**
 * `npm run matrix -- [--fail-on never|regression|any-failure] [--allure] [any playwright test option]`
 * Runs every task in every installed browser; the matrix prints as the last test ends, then the Allure report
 * is written next to it — for a run of a few tasks (fast feedback) only with --allure, else the command is printed.
 * Exit codes: 0 = policy satisfied, 1 = policy violated (or the run failed), 2 = bad input, 130 = interrupted.
 */
function parseArgs(argv: string[]): { failOn?: string; allure: boolean; rest: string[] } {
  const rest: string[] = [];
  let failOn: string | undefined;
  let allure = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--fail-on') failOn = argv[++i] ?? '';
    else if (arg.startsWith('--fail-on=')) failOn = arg.slice('--fail-on='.length);
    else if (arg === '--allure') allure = true;
    else rest.push(arg);
  }
  return { failOn, allure, rest };
}

/** How many tasks the run that just ended ran (rows of its matrix with tests). */
function tasksRun(): number {
  try {
    const matrix = JSON.parse(fs.readFileSync(path.resolve(reportsDir(), 'matrix.json'), 'utf8')) as { rows: { tests: number }[] };
    return matrix.rows.filter((r) => r.tests > 0).length;
  } catch {
    return Infinity;
  }
}

function wroteResultsSince(since: number): boolean {
  const dir = path.resolve(reportsDir(), 'allure-results');
  return fs.existsSync(dir) && fs.readdirSync(dir).some((f) => fs.statSync(path.join(dir, f)).mtimeMs >= since - 1_000);
}

async function main(): Promise<number> {
  const { failOn, allure, rest } = parseArgs(process.argv.slice(2));
  // One decision for the reporter (whether matrix.html links the report) and for us (whether to build it).
  const allurePolicy = { [ALLURE_POLICY]: allure ? 'always' : 'auto' };
  // What only this command takes is checked here; .env, the data, the plug-ins and the browsers are checked by
  // Playwright's loading of our config (one line and exit 2, before any browser starts or any report is touched):
  // loading them here too would cost a second start of every plug-in before the first test.
  process.env.FAIL_ON = policyText(parsePolicy(failOn ?? process.env.FAIL_ON));
  readHistory(matrixHistoryFile());
  // Playwright's CLI directly (no npx layer), in a process group of its own: a Ctrl+C or SIGTERM reaches it once,
  // through us, and it stops gracefully (partial matrix, lab closed). Its processes carry this run's mark, so
  // whatever outlives it (a lab or browser of a runner that died hard) is found and ended below — ours only.
  const cli = require.resolve('@playwright/test/cli');
  const started = Date.now();
  const { mark, value } = newRunMark('matrix');
  const child = startChild(process.execPath, [cli, 'test', ...rest], { stdio: 'inherit', env: { ...process.env, [RUN_MARK]: value, ...allurePolicy } });
  // Windows gives Ctrl+C to every process of the console, Playwright included, and child.kill() there would be
  // a hard kill: only wait for it.
  const forward = (signal: NodeJS.Signals) => () => process.platform !== 'win32' && child.kill(signal);
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGHUP', forward('SIGTERM'));
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1))));
  const left = await leftoversAfter(mark, 3_000);
  if (left.length) {
    endMarked(left);
    console.error(`portal-matrix: ended ${left.length} process(es) the run left behind: ${left.map((p) => p.command.split(' ')[0]).join(', ')}`);
  }
  if (rest.includes('--list')) return code;
  // A run that stopped before any test wrote results must not re-publish the previous run's Allure report.
  if (!wroteResultsSince(started)) {
    // Exit 2: bad input, which the config (or global setup) has put in the summary already.
    if (code !== 2) appendJobSummary(`**portal-matrix could not run** (exit ${code || 1}): no test ran — see the step's log for Playwright's message.`);
    return code || 1;
  }
  const tasks = tasksRun();
  if (!allureReportBuilt(tasks, allurePolicy)) {
    console.log(`Allure report: not built for a run of ${tasks} task${tasks === 1 ? '' : 's'} — npm run report builds it (or add --allure).`);
    return code;
  }
  if (!generateAllureReport()) return code || 1;
  return code;
}

main().then((code) => process.exit(code), (error: unknown) => {
  const message = error instanceof UserInputError ? `portal-matrix: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(message);
  appendJobSummary(`**portal-matrix could not start:** ${message.split('\n')[0]}`);
  process.exit(2);
});
