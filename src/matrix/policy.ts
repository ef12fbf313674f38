import { UserInputError } from '../errors';
import { FAILING, PASSING, looksDifferent, type Matrix } from './model';
import { cellKey, lastOutcome, type HistoryEntry } from './history';
import { describeFinding } from '../layout/compare';

export const FAIL_ON_VALUES = ['never', 'regression', 'any-failure'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

/** The CI policy: a failure policy, plus (`+layout`, off by default) failing when a completed task looks different. */
export interface Policy { failOn: FailOn; layout: boolean }

/** `regression`, `regression+layout`, `layout` (= never + layout)… */
export function parsePolicy(raw: string | undefined): Policy {
  const text = (raw ?? 'never').trim() || 'never';
  const parts = text.split('+').map((p) => p.trim());
  const layout = parts.includes('layout');
  const rest = parts.filter((p) => p !== 'layout');
  const value = rest[0] ?? 'never';
  if (rest.length > 1 || parts.filter((p) => p === 'layout').length > 1 || !(FAIL_ON_VALUES as readonly string[]).includes(value)) {
    throw new UserInputError(`--fail-on ${JSON.stringify(text)} is not valid. Use one of: ${FAIL_ON_VALUES.join(', ')}, optionally with +layout (e.g. regression+layout), or layout alone (FAIL_ON in .env).`);
  }
  return { failOn: value as FailOn, layout };
}

export function parseFailOn(raw: string | undefined): FailOn {
  return parsePolicy(raw).failOn;
}

export const policyText = (p: Policy): string => (p.layout ? (p.failOn === 'never' ? 'layout' : `${p.failOn}+layout`) : p.failOn);

/** With `+layout`: every completed cell whose screens look different from the other browsers'. */
export function layoutViolations(matrix: Matrix): string[] {
  return matrix.rows.flatMap((row) => Object.entries(row.cells)
    .filter(([, c]) => looksDifferent(c))
    .map(([browser, c]) => `${row.portal}/${row.task} in ${browser} looks different: ${describeFinding(c.layout!.findings[0]!)}`));
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
