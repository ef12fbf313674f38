import { FAILING, PASSING, type Cell, type CellStatus, type Verdict } from './model';

/** Playwright's outcome of one test → cell status. Infrastructure trouble is "broken", not the portal's fault. */
export function statusOf(outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped', error: string | undefined): CellStatus {
  if (outcome === 'expected') return 'passed';
  if (outcome === 'flaky') return 'flaky';
  if (outcome === 'skipped') return 'not-run';
  return isInfrastructureError(error) ? 'broken' : 'failed';
}

const INFRASTRUCTURE = [
  /\[browser-unavailable\]/,
  /Target page, context or browser has been closed/,
  /Browser closed|browser has disconnected|Browser has been closed/i,
  /browserType\.(launch|connect)/,
  /Target crashed|Page crashed/i,
  /worker process exited unexpectedly/i,
];

export function isInfrastructureError(error: string | undefined): boolean {
  return !!error && INFRASTRUCTURE.some((re) => re.test(error));
}

const RANK: Record<CellStatus, number> = { failed: 5, broken: 4, flaky: 3, passed: 2, 'not-run': 1, 'not-installed': 0 };

/** Several tests (data rows) of one task in one browser: the cell shows the worst of them. */
export function worst(a: Cell, b: Cell): Cell {
  const [hi, lo] = RANK[a.status] >= RANK[b.status] ? [a, b] : [b, a];
  return { ...hi, durationMs: a.durationMs + b.durationMs, attempts: Math.max(a.attempts, b.attempts), reason: hi.reason ?? lo.reason };
}

/**
 * The row's verdict over the browsers that ran it. A portal that failed its pre-flight blames no browser.
 */
export function verdictOf(cells: Cell[], portalUnreachable: boolean): Verdict {
  if (portalUnreachable) return 'portal-unreachable';
  const ran = cells.filter((c) => PASSING.has(c.status) || FAILING.has(c.status));
  if (ran.length === 0) return 'not-run';
  const failing = ran.filter((c) => FAILING.has(c.status)).length;
  if (failing === 0) return 'all-passed';
  return failing === ran.length ? 'fails-everywhere' : 'browser-specific';
}
