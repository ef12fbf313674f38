import { UserInputError } from '../errors';
import { FAILING, PASSING, type Matrix } from './model';
import { cellKey, lastOutcome, type HistoryEntry } from './history';

export const FAIL_ON_VALUES = ['never', 'regression', 'any-failure'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export function parseFailOn(raw: string | undefined): FailOn {
  const value = (raw ?? 'never').trim() || 'never';
  if (!(FAIL_ON_VALUES as readonly string[]).includes(value)) {
    throw new UserInputError(`--fail-on ${JSON.stringify(value)} is not valid. Use one of: ${FAIL_ON_VALUES.join(', ')} (FAIL_ON in .env).`);
  }
  return value as FailOn;
}

/**
 * What violates the CI policy, as sentences. `regression` = a new unexpected failure (failing now, not a known
 * issue, and not already failing last run) or a known issue that now passes (the known list is stale). A first
 * run (no history) has nothing to regress from: its failures are reported as the current state, not as
 * regressions — so a nightly set up today is green unless a known issue is stale.
 */
export function policyViolations(matrix: Matrix, failOn: FailOn, history: HistoryEntry[]): string[] {
  if (failOn === 'never') return [];
  const out: string[] = [];
  for (const row of matrix.rows) {
    for (const [browser, cell] of Object.entries(row.cells)) {
      const where = `${row.portal}/${row.task} in ${browser}`;
      if (failOn === 'any-failure') {
        if (FAILING.has(cell.status)) out.push(`${where} ${cell.status}${cell.blocked ? ` (could not run: ${cell.reason})` : ''}`);
        continue;
      }
      // A cell that could not run (its portal's sign-in failed…) is reported once as a problem, never as a regression.
      if (cell.blocked) continue;
      const before = lastOutcome(history, cellKey(row.portal, row.task, browser));
      if (FAILING.has(cell.status) && !cell.known && history.length && !(before && FAILING.has(before))) out.push(`${where} newly ${cell.status}`);
      if (PASSING.has(cell.status) && cell.known) out.push(`${where} passes but is listed in known-issues.csv (${cell.known}) — the known list is stale`);
    }
  }
  return out;
}
