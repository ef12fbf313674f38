import { FAILING, PASSING, looksDifferent, type Cell, type CellStatus, type Matrix, type Row } from '../matrix/model';
import { cellKey, newlyLooksDifferent, type HistoryEntry } from '../matrix/history';
import { describeFinding } from '../layout/compare';

/** One cell that changed since the last run, in words a person can act on without opening anything. */
export interface ChangeLine {
  portal: string;
  task: string;
  title: string;
  /** "Firefox ESR 153.7.0esr" — the exact build, so a flip can be tied to a browser update. */
  browser: string;
  from: CellStatus;
  to: CellStatus;
  /** What the user saw (the portal's message or the first line of the failure), without paths or query strings. */
  cause?: string;
}

/** A task that fails now, whether or not it changed: the current picture. */
export interface FailingRow {
  portal: string;
  task: string;
  title: string;
  verdict: 'browser-specific' | 'fails-everywhere' | 'fails-in-some';
  /** Builds in which it fails, and in which it works (browser-specific rows). */
  failsIn: string[];
  worksIn: string[];
  /** What the user saw, and the likely cause from what the browser reported, when known. */
  cause?: string;
  /** Every failing cell of the row is newly broken since the previous run (listed there, not as still failing). */
  isNew: boolean;
}

/** A task every browser (or some) completed whose screens look different in some browser. */
export interface LooksDifferentRow {
  portal: string;
  task: string;
  title: string;
  /** Builds whose screens differ. */
  browsers: string[];
  /** The first finding, in words ("region 'Invoice summary' is hidden in Firefox ESR 153 at step '…'"). */
  finding: string;
  /** It did not look different in the previous run (a first run has nothing new). */
  isNew: boolean;
}

/** The run, summarised for a chat message (NOTIFY_FORMAT=json sends exactly this). */
export interface NotifySummary {
  kind: 'portal-matrix-summary';
  title: string;
  finishedAt: string;
  /** No earlier run to compare with: there are no changes and no regressions, only the current state. */
  firstRun: boolean;
  /**
   * Counts over the tasks this run selected (`tasks` of `catalogue`): tasks a `--grep` left out are not "not run".
   * `failed` = failing cells that ran; `couldNotRun` = cells whose portal could not be reached or signed in to.
   */
  counts: { tasks: number; catalogue: number; cells: number; passed: number; failed: number; flaky: number; notRun: number; couldNotRun: number };
  /** Tasks that fail now, browser-specific first. */
  failing: FailingRow[];
  /** Tasks completed in a browser whose screens look different there (layout compared across browsers). */
  looksDifferent: LooksDifferentRow[];
  newlyBroken: ChangeLine[];
  newlyFixed: ChangeLine[];
  /** Portals that could not run in some browsers (a failed sign-in, unreachable), once each. */
  problems: { portal: string; browsers: string[]; reason: string }[];
  recommendation: { text: string; overall: string | null; perPortal: Record<string, string | null>; changed: boolean };
  /** The cells that fail `--fail-on regression`, in its words ("m365/pay-invoice in chromium newly failed"). */
  regressions: string[];
  reportUrl?: string;
}

/** Anything that could point inside a machine or carry a token: query strings, fragments, absolute paths. */
export function sanitize(text: string): string {
  return text
    .replace(/(https?:\/\/[^\s?#"'<>]+)[?#][^\s"'<>]*/g, '$1')
    .replace(/(^|[\s("'])(?:[A-Za-z]:)?(?:[\\/][\w.@~-]+){2,}[\\/]?/g, '$1[path]')
    .replace(/\s+/g, ' ')
    .trim();
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What the user saw: the portal's message, else the first line of the failure, else why it did not run. */
const sawIn = (cell: Pick<Cell, 'portalMessage' | 'error' | 'reason'>) => {
  const raw = cell.portalMessage ?? cell.error?.split('\n').find((l) => l.trim()) ?? cell.reason;
  return raw ? clip(sanitize(raw), 240) : undefined;
};

/** What the user saw, with the likely cause the diagnosis derived from the browser's signals. */
function causeOf(cell: Cell): string | undefined {
  const saw = sawIn(cell);
  // A diagnosis without signals says only that it knows nothing: that is no cause.
  const likely = cell.diagnosis?.likelyCause && cell.diagnosis.basis !== 'none' ? clip(sanitize(cell.diagnosis.likelyCause), 200) : undefined;
  if (!likely) return saw;
  return saw ? `${saw} — likely cause: ${likely}` : `likely cause: ${likely}`;
}

const failingCells = (row: Row) => Object.entries(row.cells).filter(([, c]) => FAILING.has(c.status) && !c.blocked);

function failingRow(row: Row, build: (id: string) => string, newlyBroken: Set<string>): FailingRow | undefined {
  const failing = failingCells(row);
  if (!failing.length) return undefined;
  const worksIn = Object.entries(row.cells).filter(([, c]) => PASSING.has(c.status)).map(([b]) => build(b));
  const first = failing.find(([, c]) => c.diagnosis) ?? failing[0]!;
  return {
    portal: row.portal, task: row.task, title: row.title,
    verdict: row.verdict === 'browser-specific' || row.verdict === 'fails-everywhere' ? row.verdict : 'fails-in-some',
    failsIn: failing.map(([b]) => build(b)), worksIn, cause: causeOf(first[1]),
    isNew: failing.every(([b]) => newlyBroken.has(`${row.portal}/${row.task}/${b}`)),
  };
}

/** Failed sign-ins (the matrix's problems) and unreachable portals, once per portal. */
function portalProblems(matrix: Matrix, build: (id: string) => string): NotifySummary['problems'] {
  const problems = matrix.problems.map((p) => ({ portal: p.portal, browsers: p.browsers.map(build), reason: sanitize(p.reason) }));
  for (const row of matrix.rows.filter((r) => r.verdict === 'portal-unreachable')) {
    if (problems.some((p) => p.portal === row.portal)) continue;
    const reason = Object.values(row.cells).find((c) => c.reason)?.reason ?? 'portal unreachable';
    problems.push({ portal: row.portal, browsers: [], reason: sanitize(reason) });
  }
  return problems;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summarize(matrix: Matrix, history: HistoryEntry[], regressions: string[], reportUrl?: string): NotifySummary {
  const builds = new Map(matrix.browsers.map((b) => [b.id, `${b.name}${b.version ? ` ${b.version}` : ''}`]));
  const build = (id: string) => builds.get(id) ?? id;
  const rows = new Map(matrix.rows.map((r) => [`${r.portal}/${r.task}`, r]));
  const lines = matrix.changes.map((c): ChangeLine => {
    const row = rows.get(`${c.portal}/${c.task}`);
    const cell = row?.cells[c.browser];
    return {
      portal: c.portal, task: c.task, title: row?.title ?? c.task, browser: build(c.browser),
      // What the user saw; the likely cause is on the task's line under what fails now.
      from: c.from, to: c.to, cause: cell && FAILING.has(c.to) ? sawIn(cell) : undefined,
    };
  });
  const newlyBroken = lines.filter((l) => FAILING.has(l.to));
  const newlyFixed = lines.filter((l) => PASSING.has(l.to));
  const brokenKeys = new Set(matrix.changes.filter((c) => FAILING.has(c.to)).map((c) => `${c.portal}/${c.task}/${c.browser}`));

  // Only the tasks this run selected: a `--grep` run does not report the rest of the catalogue as "not run".
  const selected = matrix.rows.filter((r) => r.tests > 0 || r.verdict === 'portal-unreachable');
  const order = { 'browser-specific': 0, 'fails-everywhere': 1, 'fails-in-some': 2 } as const;
  const failing = selected.map((r) => failingRow(r, build, brokenKeys)).filter((r): r is FailingRow => !!r)
    .sort((a, b) => order[a.verdict] - order[b.verdict]);
  const cells = selected.flatMap((r) => Object.values(r.cells)).filter((c) => c.status !== 'not-installed');
  const count = (f: (c: Cell) => boolean) => cells.filter(f).length;
  const counts = {
    tasks: selected.length, catalogue: Math.max(matrix.run.tasksInCatalogue ?? 0, matrix.rows.length), cells: cells.length,
    passed: count((c) => c.status === 'passed'), failed: count((c) => FAILING.has(c.status) && !c.blocked), flaky: count((c) => c.status === 'flaky'),
    notRun: count((c) => c.status === 'not-run' && !c.reason?.startsWith('portal unreachable')), couldNotRun: count((c) => !!c.blocked || !!c.reason?.startsWith('portal unreachable')),
  };

  const different = selected.flatMap((r): LooksDifferentRow[] => {
    const cells = Object.entries(r.cells).filter(([, c]) => looksDifferent(c));
    if (!cells.length) return [];
    return [{
      portal: r.portal, task: r.task, title: r.title, browsers: cells.map(([b]) => build(b)),
      finding: clip(sanitize(describeFinding(cells[0]![1].layout!.findings[0]!, Object.fromEntries(matrix.browsers.map((b) => [b.id, build(b.id)])))), 240),
      isNew: cells.some(([b]) => newlyLooksDifferent(history, cellKey(r.portal, r.task, b))),
    }];
  });

  const previous = history.at(-1)?.recommendation;
  const changed = !!previous && (previous.overall !== matrix.recommendation.overall || JSON.stringify(previous.perPortal) !== JSON.stringify(matrix.recommendation.perPortal));
  const firstRun = !!matrix.firstRun;
  const delta = firstRun
    ? 'first run'
    : [newlyBroken.length ? `${newlyBroken.length} newly broken` : '', newlyFixed.length ? `${newlyFixed.length} newly fixed` : ''].filter(Boolean).join(', ') || 'no changes';
  const state = counts.failed ? `${plural(counts.failed, 'failing cell')} in ${plural(failing.length, 'task')}` : counts.couldNotRun ? 'nothing failing that ran' : 'everything passes';
  const looks = different.length ? `${plural(different.length, 'task')} look${different.length === 1 ? 's' : ''} different` : '';
  const newLooks = different.filter((l) => l.isNew).length;
  const title = [`Browser compatibility: ${delta}${newLooks ? `${delta === 'no changes' ? ' in outcomes' : ''}, ${newLooks} newly looking different` : ''}`, state, looks, regressions.length ? plural(regressions.length, 'regression') : '', changed ? 'recommendation changed' : '']
    .filter(Boolean).join(' · ');
  return {
    kind: 'portal-matrix-summary',
    title,
    finishedAt: matrix.run.finishedAt,
    firstRun,
    counts,
    failing,
    looksDifferent: different,
    newlyBroken, newlyFixed,
    problems: portalProblems(matrix, build),
    recommendation: { text: matrix.recommendation.reason, overall: matrix.recommendation.overall, perPortal: matrix.recommendation.perPortal, changed },
    regressions,
    reportUrl,
  };
}
