/** reports/matrix.json — bump SCHEMA_VERSION on any incompatible change (documented in the README). */
export const SCHEMA_VERSION = 1;

export const STATUSES = ['passed', 'failed', 'flaky', 'broken', 'not-installed', 'not-run'] as const;
export type CellStatus = (typeof STATUSES)[number];
export const VERDICTS = ['all-passed', 'browser-specific', 'fails-everywhere', 'portal-unreachable', 'not-run'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type Severity = 'critical' | 'normal' | 'minor';

export interface MatrixBrowser {
  id: string;
  name: string;
  version?: string;
  source?: string;
  installed: boolean;
  installHint?: string;
}

export interface Cell {
  status: CellStatus;
  durationMs: number;
  attempts: number;
  error?: string;
  portalMessage?: string;
  known?: string;
  /** Why the cell did not run (portal unreachable, skipped on a real portal…). */
  reason?: string;
  evidence: { screenshot?: string; trace?: string };
  /** Previous statuses of this cell, oldest first (from the history file). */
  trend?: CellStatus[];
}

export interface Row {
  portal: string;
  task: string;
  title: string;
  severity: Severity;
  verdict: Verdict;
  /** Number of tests (data rows) behind this task. */
  tests: number;
  cells: Record<string, Cell>;
}

export interface Change { portal: string; task: string; browser: string; from: CellStatus; to: CellStatus }

export interface Recommendation {
  overall: string | null;
  perPortal: Record<string, string | null>;
  reason: string;
}

export interface Matrix {
  schemaVersion: number;
  run: { startedAt: string; finishedAt: string; target: Record<string, string>; labMode?: string; shard?: string; status: string };
  browsers: MatrixBrowser[];
  rows: Row[];
  recommendation: Recommendation;
  changes: Change[];
}

export const PASSING: ReadonlySet<CellStatus> = new Set(['passed', 'flaky']);
export const FAILING: ReadonlySet<CellStatus> = new Set(['failed', 'broken']);
