import { statusOf, verdictOf, worst } from './classify';
import { recommend } from './recommend';
import { attachTrends, changesSince, newSince, type HistoryEntry } from './history';
import type { Cell, Evidence, Matrix, MatrixBrowser, Problem, Row, Severity } from './model';
import { SCHEMA_VERSION } from './model';
import { diagnose } from '../diagnosis/diagnose';
import type { Signals } from '../diagnosis/signals';
import { layoutFindingsOf, onePerProblem, type RecordedCheckpoint } from '../layout/findings';
import type { LayoutFinding } from '../layout/compare';

/** One test's final result, as the reporter (or a merge of shards) saw it. */
export interface TestRecord {
  portal: string;
  task: string;
  title: string;
  browser: string;
  outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped' | 'not-run';
  durationMs: number;
  attempts: number;
  error?: string;
  portalMessage?: string;
  /** Set when the portal's pre-flight failed. */
  unreachable?: string;
  /** Why a skipped test did not run. */
  skipReason?: string;
  /** Status of the last attempt (passed, failed, timedOut, interrupted, skipped). */
  lastStatus?: string;
  /** `failed` for a test marked test.fail(). */
  expectedStatus?: string;
  /** Why the test never started its task (its portal's sign-in failed, the browser was unavailable). */
  blocked?: string;
  /** What the browser reported: for a failed or flaky test, during the (last) failed attempt; else the last one. */
  signals?: Signals;
  /** The `test.step` in which the diagnosed attempt failed. */
  step?: string;
  evidence?: Evidence;
  /** Layout checkpoints of the attempt that counts (the last one). */
  layout?: RecordedCheckpoint[];
}

export interface TaskInfo { portal: string; task: string; title: string; severity: Severity }
export interface KnownIssueInfo { portal: string; task: string; browser: string; reason: string; link?: string }

export interface BuildInput {
  records: TestRecord[];
  browsers: MatrixBrowser[];
  tasks: TaskInfo[];
  knownIssues: KnownIssueInfo[];
  preference: string[];
  history: HistoryEntry[];
  run: Omit<Matrix['run'], 'status'> & { status?: string };
  portalNames?: Record<string, string>;
}

const DIAGNOSED = new Set(['failed', 'flaky', 'broken']);

/** The same test (portal, task, title) where another browser passed: what it did is the comparison. */
function passingCounterpart(r: TestRecord, all: Map<string, TestRecord[]>): { browser: string; signals: Signals } | undefined {
  const other = all.get(`${r.portal}/${r.task}/${r.title}`)?.find((o) => o.browser !== r.browser && o.outcome === 'expected' && o.expectedStatus !== 'failed' && o.signals);
  return other ? { browser: other.browser, signals: other.signals! } : undefined;
}

function cellOf(r: TestRecord, all: Map<string, TestRecord[]>): Cell {
  const status = statusOf(r);
  const cell: Cell = {
    status,
    durationMs: r.durationMs,
    attempts: r.attempts,
    error: r.blocked ? undefined : r.error,
    portalMessage: r.portalMessage,
    reason: r.unreachable ? `portal unreachable: ${r.unreachable}` : r.blocked ?? r.skipReason ?? notRunReason(r),
    evidence: r.evidence ?? {},
  };
  if (r.blocked) cell.blocked = true;
  else if (DIAGNOSED.has(status)) {
    cell.diagnosis = diagnose({ signals: r.signals, error: r.error, timedOut: r.lastStatus === 'timedOut', step: r.step, browser: r.browser, passing: status === 'flaky' ? undefined : passingCounterpart(r, all) });
  }
  if (status === 'unexpected-pass') cell.reason = 'passed, but the test is marked test.fail(): remove the mark if the problem is fixed';
  if (status === 'expected-failure') cell.reason = 'failed as expected (test.fail())';
  return cell;
}

/** Layout findings per test and browser (`portal/task/title/browser`), from the checkpoints of each test's runs. */
function layoutByCell(byTest: Map<string, TestRecord[]>): Map<string, LayoutFinding[]> {
  const out = new Map<string, LayoutFinding[]>();
  for (const [key, records] of byTest) {
    // Only runs that completed the task: a failing run's screens differ for the reason its diagnosis gives.
    const runs = records.filter((r) => r.layout?.length && (r.outcome === 'expected' || r.outcome === 'flaky') && r.expectedStatus !== 'failed')
      .map((r) => ({ browser: r.browser, checkpoints: r.layout! }));
    if (runs.length < 2) continue;
    for (const f of layoutFindingsOf(runs)) {
      const cell = `${key}/${f.browser}`;
      out.set(cell, [...(out.get(cell) ?? []), f]);
    }
  }
  return out;
}

/** Playwright gives no reason for some tests that did not run; say what it usually means. */
function notRunReason(r: TestRecord): string | undefined {
  if (r.outcome === 'not-run') return 'did not run (the run was interrupted or stopped before this test)';
  if (r.outcome !== 'skipped') return undefined;
  if (r.lastStatus === 'interrupted') return 'interrupted';
  return 'skipped by Playwright without a reason (e.g. an earlier test in its serial group failed)';
}

/** Blocked cells, grouped once per portal and reason: "sign-in to PCD failed … (chromium, firefox)". */
function problemsOf(records: TestRecord[]): Problem[] {
  const byKey = new Map<string, Problem>();
  for (const r of records) {
    if (!r.blocked) continue;
    const key = `${r.portal}\n${r.blocked}`;
    const p = byKey.get(key) ?? { portal: r.portal, browsers: [], reason: r.blocked };
    if (!p.browsers.includes(r.browser)) p.browsers.push(r.browser);
    byKey.set(key, p);
  }
  return [...byKey.values()];
}

/** Said once for the run instead of on every cell: causes that could only come from Playwright's errors. */
function notesOf(rows: Row[], records: TestRecord[]): Pick<Matrix, 'notes'> {
  const diagnosed = rows.flatMap((r) => Object.values(r.cells)).filter((c) => c.diagnosis);
  const withoutSignals = records.filter((r) => DIAGNOSED.has(statusOf(r)) && !r.blocked && !r.signals).length;
  if (!diagnosed.length || !withoutSignals) return {};
  return {
    notes: [`${withoutSignals} failing test result${withoutSignals === 1 ? '' : 's'} came without browser signals (page errors, console, requests, refused cookies): ` +
      'their causes are read from Playwright\'s errors alone. Either SIGNALS=off was set, or the tests do not use ' +
      'the signals fixture (another project: README, "Using the matrix reporter in another project").'],
  };
}

/** Builds the whole matrix: cells → rows → verdicts → recommendation → changes. Pure; no I/O. */
export function buildMatrix(input: BuildInput): Matrix {
  const taskInfo = new Map(input.tasks.map((t) => [`${t.portal}/${t.task}`, t]));
  const rows = new Map<string, Row & { unreachable: boolean }>();
  // Tasks from the catalogue appear even when nothing ran for them (killed run, --grep): not-run, not hidden.
  const ensureRow = (portal: string, task: string, title: string) => {
    const key = `${portal}/${task}`;
    let row = rows.get(key);
    if (!row) {
      const info = taskInfo.get(key);
      row = { portal, task, title: info?.title ?? title, severity: info?.severity ?? 'normal', verdict: 'not-run', tests: 0, cells: {}, unreachable: false };
      rows.set(key, row);
    }
    return row;
  };
  const counted = new Set<string>();
  const byTest = new Map<string, TestRecord[]>();
  for (const r of input.records) {
    const key = `${r.portal}/${r.task}/${r.title}`;
    const list = byTest.get(key);
    if (list) list.push(r);
    else byTest.set(key, [r]);
  }
  const layout = layoutByCell(byTest);
  for (const r of input.records) {
    const row = ensureRow(r.portal, r.task, r.title);
    const cell = cellOf(r, byTest);
    const findings = layout.get(`${r.portal}/${r.task}/${r.title}/${r.browser}`);
    if (findings?.length) cell.layout = { findings };
    const earlier = row.cells[r.browser];
    row.cells[r.browser] = earlier ? worst(earlier, cell) : cell;
    // Several tests of one task: the cell keeps every test's layout findings, each problem once.
    const all = [...(earlier?.layout?.findings ?? []), ...(cell.layout?.findings ?? [])];
    if (all.length) row.cells[r.browser]!.layout = { findings: onePerProblem(all) };
    if (r.unreachable) row.unreachable = true;
    const testKey = `${r.portal}/${r.task}/${r.title}`;
    if (!counted.has(testKey)) {
      counted.add(testKey);
      row.tests += 1;
    }
  }
  const recordedPortals = new Set(input.records.map((r) => r.portal));
  for (const t of input.tasks) if (recordedPortals.has(t.portal) || input.records.length === 0) ensureRow(t.portal, t.task, t.title);

  for (const row of rows.values()) {
    for (const b of input.browsers) {
      if (!b.installed) row.cells[b.id] = { status: 'not-installed', durationMs: 0, attempts: 0, reason: `not installed: ${b.installHint ?? ''}`, evidence: {} };
      else if (!row.cells[b.id]) row.cells[b.id] = { status: 'not-run', durationMs: 0, attempts: 0, evidence: {} };
      const known = input.knownIssues.find((k) => k.portal === row.portal && k.task === row.task && k.browser === b.id);
      if (known) row.cells[b.id]!.known = known.link ? `${known.reason} (${known.link})` : known.reason;
    }
    row.verdict = verdictOf(input.browsers.filter((b) => b.installed).map((b) => row.cells[b.id]!), row.unreachable);
    const differing = input.browsers.filter((b) => row.cells[b.id]?.layout).map((b) => b.id);
    if (differing.length) {
      row.layoutDiffersIn = differing;
      if (row.verdict === 'all-passed') row.verdict = 'looks-different';
    }
  }
  // Catalogue order first (as in tasks.csv), then anything else by portal and task.
  const order = new Map(input.tasks.map((t, i) => [`${t.portal}/${t.task}`, i]));
  const position = (r: Row) => order.get(`${r.portal}/${r.task}`) ?? Infinity;
  const ordered = [...rows.values()].sort((a, b) => position(a) - position(b) || a.portal.localeCompare(b.portal) || a.task.localeCompare(b.task)).map(({ unreachable: _unreachable, ...row }) => row);

  attachTrends(ordered, input.history);
  const newTasks = newSince(input.history, ordered);
  const names = Object.fromEntries(input.browsers.map((b) => [b.id, b.name]));
  return {
    schemaVersion: SCHEMA_VERSION,
    // How many tasks the catalogue holds (and any uncatalogued one that ran): a --grep run selected some of them.
    run: { status: 'passed', ...input.run, tasksInCatalogue: new Set([...input.tasks.map((t) => `${t.portal}/${t.task}`), ...rows.keys()]).size },
    browsers: input.browsers,
    rows: ordered,
    recommendation: recommend(ordered, input.browsers.filter((b) => b.installed).map((b) => b.id), input.preference, names, input.portalNames),
    changes: changesSince(input.history, ordered, input.browsers),
    ...(newTasks.length ? { newTasks } : {}),
    problems: problemsOf(input.records),
    firstRun: input.history.length === 0,
    ...notesOf(ordered, input.records),
  };
}
