import fs from 'node:fs';
import { UserInputError } from '../errors';
import { writeAtomic } from '../files';
import { FAILING, PASSING, STATUSES, looksDifferent, type CellStatus, type Change, type MatrixBrowser, type Row } from './model';

/** One line of the history file (JSON Lines): the cells of one run. */
export interface HistoryEntry {
  kind: 'portal-matrix-history';
  version: 1;
  finishedAt: string;
  cells: Record<string, CellStatus>;
  /** The run's recommendation, so the next run can say whether it changed. */
  recommendation?: { overall: string | null; perPortal: Record<string, string | null> };
  /** Exact browser builds of the run (id → version), so a flip can be tied to a browser update. */
  browsers?: Record<string, string>;
  /** Cells (`portal/task/browser`) that completed but looked different from the other browsers. */
  looksDifferent?: string[];
}

export const cellKey = (portal: string, task: string, browser: string): string => `${portal}/${task}/${browser}`;
export const TREND_LENGTH = 10;

/** Reads the history; a file that is not ours or is damaged is an error naming the line — never silently replaced. */
export function readHistory(file: string): HistoryEntry[] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const entries: HistoryEntry[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let entry: HistoryEntry;
    try {
      entry = JSON.parse(line) as HistoryEntry;
    } catch {
      throw new UserInputError(`${file}:${i + 1}: the history file is damaged (not JSON). Move it away or fix the line; portal-matrix will not overwrite it.`);
    }
    if (entry?.kind !== 'portal-matrix-history' || entry.version !== 1 || typeof entry.cells !== 'object' || entry.cells === null) {
      throw new UserInputError(`${file}:${i + 1}: not a portal-matrix history entry. Check MATRIX_HISTORY points at a portal-matrix history file.`);
    }
    for (const status of Object.values(entry.cells)) {
      if (!(STATUSES as readonly string[]).includes(status)) throw new UserInputError(`${file}:${i + 1}: unknown cell status ${JSON.stringify(status)}.`);
    }
    entries.push(entry);
  });
  return entries;
}

/** Appends a run atomically (write a temporary file, then rename) so an interrupted run cannot corrupt it. */
export function appendHistory(file: string, existing: HistoryEntry[], entry: HistoryEntry): void {
  writeAtomic(file, [...existing, entry].map((e) => JSON.stringify(e)).join('\n') + '\n');
}

export function historyEntry(rows: Row[], finishedAt: string, extra: { recommendation?: HistoryEntry['recommendation']; browsers?: MatrixBrowser[] } = {}): HistoryEntry {
  const { recommendation } = extra;
  const builds = Object.fromEntries((extra.browsers ?? []).filter((b) => b.installed && b.version).map((b) => [b.id, b.version!]));
  const cells: Record<string, CellStatus> = {};
  // A blocked cell said nothing about the task: kept as not-run so it is never a change or a regression.
  for (const row of rows) for (const [browser, cell] of Object.entries(row.cells)) cells[cellKey(row.portal, row.task, browser)] = cell.blocked ? 'not-run' : cell.status;
  const different = rows.flatMap((row) => Object.entries(row.cells).filter(([, c]) => looksDifferent(c)).map(([b]) => cellKey(row.portal, row.task, b)));
  return {
    kind: 'portal-matrix-history', version: 1, finishedAt, cells,
    ...(different.length ? { looksDifferent: different } : {}),
    ...(recommendation ? { recommendation: { overall: recommendation.overall, perPortal: recommendation.perPortal } } : {}),
    ...(Object.keys(builds).length ? { browsers: builds } : {}),
  };
}

/**
 * Whether a completed cell's different look is new: the last run in which the cell completed did not look
 * different. A cell that never completed before has nothing to compare with (not new).
 */
export function newlyLooksDifferent(history: HistoryEntry[], key: string): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    const status = history[i]!.cells[key];
    if (status && PASSING.has(status)) return !(history[i]!.looksDifferent ?? []).includes(key);
  }
  return false;
}

const outcomeClass = (s: CellStatus) => (PASSING.has(s) ? 'pass' : FAILING.has(s) ? 'fail' : 'none');

/** The latest run where the cell had an outcome (a run where it could not run is skipped). */
function lastRunOf(history: HistoryEntry[], key: string): HistoryEntry | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const status = history[i]!.cells[key];
    if (status && outcomeClass(status) !== 'none') return history[i];
  }
  return undefined;
}

/** The cell's status in the latest run where it had an outcome. */
export const lastOutcome = (history: HistoryEntry[], key: string): CellStatus | undefined => lastRunOf(history, key)?.cells[key];

/**
 * Cells whose outcome flipped between pass and fail since they last ran (newly broken, newly fixed), with the
 * browser build then and now when both are known.
 */
export function changesSince(history: HistoryEntry[], rows: Row[], browsers: MatrixBrowser[] = []): Change[] {
  const now = new Map(browsers.map((b) => [b.id, b.version]));
  const changes: Change[] = [];
  for (const row of rows) {
    for (const [browser, cell] of Object.entries(row.cells)) {
      if (cell.blocked) continue;
      const key = cellKey(row.portal, row.task, browser);
      const then = lastRunOf(history, key);
      const from = then?.cells[key];
      if (!from) continue;
      const [a, b] = [outcomeClass(from), outcomeClass(cell.status)];
      if (a === b || b === 'none') continue;
      const fromBuild = then?.browsers?.[browser];
      const toBuild = now.get(browser);
      changes.push({ portal: row.portal, task: row.task, browser, from, to: cell.status, ...(fromBuild && toBuild ? { fromBuild, toBuild } : {}) });
    }
  }
  return changes;
}

/**
 * Tasks that ran now and never had an outcome before (added since, or never selected): `portal/task`. Not
 * "no changes": there is nothing to compare them with yet.
 */
export function newSince(history: HistoryEntry[], rows: Row[]): string[] {
  if (!history.length) return [];
  return rows
    .filter((row) => Object.values(row.cells).some((c) => outcomeClass(c.status) !== 'none' && !c.blocked))
    .filter((row) => Object.keys(row.cells).every((browser) => !lastRunOf(history, cellKey(row.portal, row.task, browser))))
    .map((row) => `${row.portal}/${row.task}`);
}

export function attachTrends(rows: Row[], history: HistoryEntry[]): void {
  const recent = history.slice(-TREND_LENGTH);
  for (const row of rows) {
    for (const [browser, cell] of Object.entries(row.cells)) {
      const key = cellKey(row.portal, row.task, browser);
      cell.trend = recent.map((h) => h.cells[key]).filter((s): s is CellStatus => !!s);
    }
  }
}
