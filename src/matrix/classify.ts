import { ran, COMPLETED, type Cell, type CellStatus, type Verdict } from './model';

/** What the reporter knows of one test's final state (Playwright's outcome plus the last attempt). */
export interface OutcomeInput {
  outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped' | 'not-run';
  error?: string;
  /** Status of the last attempt as Playwright reports it (passed, failed, timedOut, interrupted…). */
  lastStatus?: string;
  /** `failed` for a test marked test.fail(). */
  expectedStatus?: string;
  /** Set when the test never started its task (sign-in failed, browser unavailable). */
  blocked?: string;
}

/** Playwright's outcome of one test → cell status. Infrastructure trouble is "broken", not the portal's fault. */
export function statusOf(r: OutcomeInput): CellStatus {
  if (r.blocked) return 'broken';
  if (r.outcome === 'not-run') return 'not-run';
  const markedFail = r.expectedStatus === 'failed';
  if (r.outcome === 'expected') return markedFail ? 'expected-failure' : 'passed';
  if (r.outcome === 'flaky') return 'flaky';
  if (r.outcome === 'skipped') return 'not-run';
  if (markedFail && r.lastStatus === 'passed') return 'unexpected-pass';
  // A timeout is the test's (or the portal's) slowness; its follow-up text mentions a closed page, which
  // must not make it look like a crash.
  if (r.lastStatus === 'timedOut') return 'failed';
  return isInfrastructureError(r.error) ? 'broken' : 'failed';
}

const INFRASTRUCTURE = [
  /\[browser-unavailable\]/,
  /Browser closed|browser has disconnected|Browser has been closed/i,
  /browserType\.(launch|connect)/,
  /Target crashed|Page crashed/i,
  /worker process exited unexpectedly/i,
];

export function isInfrastructureError(error: string | undefined): boolean {
  return !!error && INFRASTRUCTURE.some((re) => re.test(error));
}

/** Playwright's "Executable doesn't exist … npx playwright install" launch error → the command to run, if any. */
export function missingBrowserInstallHint(error: string | undefined): string | undefined {
  if (!error || !/Executable doesn't exist|browserType\.launch: .*(not found|is not installed)|Please run the following command to download new browsers/i.test(error)) return undefined;
  return /(npx playwright install[^\n║╚]*)/.exec(error)?.[1]?.trim() ?? 'npx playwright install';
}

const RANK: Record<CellStatus, number> = {
  failed: 7, 'unexpected-pass': 6, broken: 5, flaky: 4, 'expected-failure': 3, passed: 2, 'not-run': 1, 'not-installed': 0,
};

/** Several tests (data rows) of one task in one browser: the cell shows the worst of them. */
export function worst(a: Cell, b: Cell): Cell {
  // A test that ran outranks one that was blocked: the blocked one did not say anything about the task.
  const rank = (c: Cell) => RANK[c.status] - (c.blocked ? 10 : 0);
  const [hi, lo] = rank(a) >= rank(b) ? [a, b] : [b, a];
  return { ...hi, durationMs: a.durationMs + b.durationMs, attempts: Math.max(a.attempts, b.attempts), reason: hi.reason ?? lo.reason };
}

/**
 * The row's verdict over the installed browsers. A portal that failed its pre-flight blames no browser; a row
 * is all-passed only when every installed browser ran it and passed.
 */
export function verdictOf(cells: Cell[], portalUnreachable: boolean): Verdict {
  if (portalUnreachable) return 'portal-unreachable';
  const done = cells.filter(ran);
  if (done.length === 0) return cells.some((c) => c.blocked) ? 'could-not-run' : 'not-run';
  const passing = done.filter((c) => COMPLETED.has(c.status)).length;
  const failing = done.length - passing;
  if (failing > 0 && passing > 0) return 'browser-specific';
  if (done.length < cells.length) return 'incomplete';
  return failing === 0 ? 'all-passed' : 'fails-everywhere';
}
