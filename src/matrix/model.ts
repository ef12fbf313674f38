import type { Diagnosis } from '../diagnosis/diagnose';
import type { LayoutFinding } from '../layout/compare';

/** reports/matrix.json — bump SCHEMA_VERSION on any incompatible change (documented in the README). */
export const SCHEMA_VERSION = 3;

/**
 * `expected-failure`: a test marked `test.fail()` that failed as declared; `unexpected-pass`: one that passed —
 * Playwright fails the run for it, so it counts as a failure until the mark is removed.
 */
export const STATUSES = ['passed', 'failed', 'flaky', 'broken', 'not-installed', 'not-run', 'expected-failure', 'unexpected-pass'] as const;
export type CellStatus = (typeof STATUSES)[number];
/**
 * `incomplete`: the browsers that ran agree, but some installed browser did not run the task (skipped, serial
 * skip, interrupted, could not run); `could-not-run`: no installed browser ran it because something outside
 * the task failed first (the portal's sign-in, the browser itself) — nobody is blamed, it is never a regression.
 */
/** `looks-different`: every browser completed the task, but its screens differ in layout (see Cell.layout). */
export const VERDICTS = ['all-passed', 'looks-different', 'browser-specific', 'fails-everywhere', 'incomplete', 'could-not-run', 'portal-unreachable', 'not-run'] as const;
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
  /** Why the cell did not run (portal unreachable, skipped on a real portal, sign-in failed…). */
  reason?: string;
  /**
   * The test never started its task because something before it failed (the portal's sign-in, the browser):
   * shown as broken, but it blames neither the task nor the browser and is never a regression.
   */
  blocked?: boolean;
  evidence: Evidence;
  /** Previous statuses of this cell, oldest first (from the history file). */
  trend?: CellStatus[];
  /** Why it failed, from what the browsers reported (failed, flaky and broken cells that ran). */
  diagnosis?: Diagnosis;
  /** Where this browser's screens look different from the other browsers' at the same checkpoints. */
  layout?: { findings: LayoutFinding[] };
}

/**
 * Failure evidence, relative to reports/. Under the default evidence policy the trace comes from the retry and
 * the screenshot from the failed attempt, so each says which attempt (1-based) it belongs to.
 */
export interface Evidence { screenshot?: string; screenshotAttempt?: number; trace?: string; traceAttempt?: number }

export interface Row {
  portal: string;
  task: string;
  title: string;
  severity: Severity;
  verdict: Verdict;
  /** Browsers whose screens look different for this task (any verdict), when there are layout findings. */
  layoutDiffersIn?: string[];
  /** Number of tests (data rows) behind this task. */
  tests: number;
  cells: Record<string, Cell>;
}

/** A cell that flipped since it last ran; `fromBuild`/`toBuild` are the browser's versions then and now, when known. */
export interface Change { portal: string; task: string; browser: string; from: CellStatus; to: CellStatus; fromBuild?: string; toBuild?: string }

export interface Recommendation {
  overall: string | null;
  perPortal: Record<string, string | null>;
  /** Why a portal has no recommended browser ("no evidence: sign-in to PCD failed in every browser"). */
  unjudged?: Record<string, string>;
  /** Tasks no installed browser completes (`portal/task`): no recommendation can help with them. */
  nobodyCompletes?: string[];
  reason: string;
}

/** Trouble that stopped a whole portal in some browsers (a failed sign-in): reported once, not per cell. */
export interface Problem { portal: string; browsers: string[]; reason: string }

export interface Matrix {
  schemaVersion: number;
  run: {
    startedAt: string; finishedAt: string; target: Record<string, string>; labMode?: string;
    /** Portals tested with certificate checks off, and how (`<PREFIX>_TLS=insecure`). */
    insecureTls?: Record<string, string>; shard?: string; status: string;
    /** Evidence policy of the run (failures | retries | all), when the harness set one. */
    evidence?: string;
    /** The Allure report, relative to reports/, when the project has allure-playwright. */
    allureReport?: string;
    /** Tasks in the catalogue (plus any uncatalogued task that ran); a selected run shows fewer rows' results. */
    tasksInCatalogue?: number;
  };
  browsers: MatrixBrowser[];
  rows: Row[];
  recommendation: Recommendation;
  changes: Change[];
  problems: Problem[];
  /** True when there was no earlier run to compare with (changes is then empty by definition). */
  firstRun?: boolean;
  /** Tasks with a first outcome in this run (`portal/task`): new, so not counted as "no changes". */
  newTasks?: string[];
  /** What the reader should know once, not on every cell (e.g. causes without browser signals). */
  notes?: string[];
}

export const PASSING: ReadonlySet<CellStatus> = new Set(['passed', 'flaky']);
/** The task itself got done in this browser: an unexpected pass did the task (its test.fail() mark is what is wrong). */
export const COMPLETED: ReadonlySet<CellStatus> = new Set(['passed', 'flaky', 'unexpected-pass']);
/** A declared expected failure is not a completed task, but it is not a new failure either. */
export const FAILING: ReadonlySet<CellStatus> = new Set(['failed', 'broken', 'unexpected-pass']);
/** The task ran to an outcome in this browser (blocked cells are excluded separately). */
export const RAN: ReadonlySet<CellStatus> = new Set(['passed', 'flaky', 'failed', 'broken', 'expected-failure', 'unexpected-pass']);

/** This browser completed the task, but its screens differ from the other browsers' (layout findings). */
export const looksDifferent = (cell: Cell): boolean => PASSING.has(cell.status) && !!cell.layout?.findings.length;

/** Did this cell's browser actually run the task to an outcome? */
export const ran = (cell: Cell | undefined): boolean => !!cell && RAN.has(cell.status) && !cell.blocked;
