import { FAILING, PASSING, type CellStatus, type Matrix } from '../matrix/model';
import type { HistoryEntry } from '../matrix/history';

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

/** The run, summarised for a chat message (NOTIFY_FORMAT=json sends exactly this). */
export interface NotifySummary {
  kind: 'portal-matrix-summary';
  title: string;
  finishedAt: string;
  counts: { tasks: number; cells: number; passed: number; failed: number; flaky: number; notRun: number; couldNotRun: number };
  newlyBroken: ChangeLine[];
  newlyFixed: ChangeLine[];
  /** Portals that could not run in some browsers (a failed sign-in), once each. */
  problems: { portal: string; browsers: string[]; reason: string }[];
  recommendation: { text: string; overall: string | null; perPortal: Record<string, string | null>; changed: boolean };
  /** Cells that would fail `--fail-on regression`. */
  regressions: number;
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

const causeOf = (cell: { portalMessage?: string; error?: string; reason?: string }) => {
  const raw = cell.portalMessage ?? cell.error?.split('\n').find((l) => l.trim()) ?? cell.reason;
  return raw ? sanitize(raw).slice(0, 240) : undefined;
};

export function summarize(matrix: Matrix, history: HistoryEntry[], regressions: number, reportUrl?: string): NotifySummary {
  const build = new Map(matrix.browsers.map((b) => [b.id, `${b.name}${b.version ? ` ${b.version}` : ''}`]));
  const rows = new Map(matrix.rows.map((r) => [`${r.portal}/${r.task}`, r]));
  const lines = matrix.changes.map((c): ChangeLine => {
    const row = rows.get(`${c.portal}/${c.task}`);
    const cell = row?.cells[c.browser];
    return {
      portal: c.portal, task: c.task, title: row?.title ?? c.task, browser: build.get(c.browser) ?? c.browser,
      from: c.from, to: c.to, cause: cell && FAILING.has(c.to) ? causeOf(cell) : undefined,
    };
  });
  const cells = matrix.rows.flatMap((r) => Object.values(r.cells)).filter((c) => c.status !== 'not-installed');
  const count = (f: (c: (typeof cells)[number]) => boolean) => cells.filter(f).length;
  const previous = history.at(-1)?.recommendation;
  const changed = !!previous && (previous.overall !== matrix.recommendation.overall || JSON.stringify(previous.perPortal) !== JSON.stringify(matrix.recommendation.perPortal));
  const newlyBroken = lines.filter((l) => FAILING.has(l.to));
  const newlyFixed = lines.filter((l) => PASSING.has(l.to));
  const headline = [newlyBroken.length ? `${newlyBroken.length} newly broken` : '', newlyFixed.length ? `${newlyFixed.length} newly fixed` : ''].filter(Boolean).join(', ');
  return {
    kind: 'portal-matrix-summary',
    title: `Browser compatibility: ${headline || 'no changes'}${changed ? ' · recommendation changed' : ''}`,
    finishedAt: matrix.run.finishedAt,
    counts: {
      tasks: matrix.rows.length, cells: cells.length,
      passed: count((c) => c.status === 'passed'), failed: count((c) => FAILING.has(c.status) && !c.blocked), flaky: count((c) => c.status === 'flaky'),
      notRun: count((c) => c.status === 'not-run'), couldNotRun: count((c) => !!c.blocked),
    },
    newlyBroken, newlyFixed,
    problems: matrix.problems.map((p) => ({ ...p, reason: sanitize(p.reason) })),
    recommendation: { text: matrix.recommendation.reason, overall: matrix.recommendation.overall, perPortal: matrix.recommendation.perPortal, changed },
    regressions,
    reportUrl,
  };
}
