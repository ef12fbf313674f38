import { PASSING, type Recommendation, type Row, type Severity } from './model';

const ORDER: Severity[] = ['critical', 'normal', 'minor'];
type Score = [number, number, number];

/** Lexicographic: one more critical task completed beats any number of normal or minor ones. */
function compare(a: Score, b: Score): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

const completes = (row: Row, browser: string) => {
  const cell = row.cells[browser];
  // A known issue is still a failure for the user: it counts against the browser.
  return !!cell && PASSING.has(cell.status) && !cell.known;
};

function score(rows: Row[], browser: string): Score {
  const s: Score = [0, 0, 0];
  for (const row of rows) if (completes(row, browser)) s[ORDER.indexOf(row.severity)]! += 1;
  return s;
}

function best(rows: Row[], browsers: string[], preference: string[]): string | null {
  const rank = (b: string) => (preference.includes(b) ? preference.indexOf(b) : preference.length + browsers.indexOf(b));
  const sorted = [...browsers].sort((a, b) => compare(score(rows, a), score(rows, b)) || rank(a) - rank(b));
  return sorted[0] ?? null;
}

/**
 * Per portal: the browser completing the most tasks, weighted by severity, ties broken by preference.
 * Overall: the best browser that completes every critical task everywhere — or, honestly, none.
 */
export function recommend(rows: Row[], browsers: string[], preference: string[], names: Record<string, string> = {}, portalNames: Record<string, string> = {}): Recommendation {
  const name = (b: string) => names[b] ?? b;
  const considered = rows.filter((r) => r.verdict !== 'portal-unreachable' && r.verdict !== 'not-run');
  const portals = [...new Set(rows.map((r) => r.portal))];
  const perPortal: Record<string, string | null> = {};
  for (const portal of portals) {
    const portalRows = considered.filter((r) => r.portal === portal);
    const ran = browsers.filter((b) => portalRows.some((r) => r.cells[b] && r.cells[b].status !== 'not-run' && r.cells[b].status !== 'not-installed'));
    perPortal[portal] = portalRows.length ? best(portalRows, ran, preference) : null;
  }
  const ranAnywhere = browsers.filter((b) => considered.some((r) => r.cells[b] && !['not-run', 'not-installed'].includes(r.cells[b].status)));
  const critical = considered.filter((r) => r.severity === 'critical');
  const everywhere = ranAnywhere.filter((b) => critical.every((r) => completes(r, b)));
  if (considered.length === 0) return { overall: null, perPortal, reason: 'No task ran, so no browser can be recommended.' };
  if (everywhere.length) {
    const overall = best(considered, everywhere, preference)!;
    return { overall, perPortal, reason: `${name(overall)} completes every critical task on every portal${everywhere.length > 1 ? ` (chosen over ${everywhere.filter((b) => b !== overall).map(name).join(', ')} by tasks completed, then preference order)` : ''}.` };
  }
  const byBrowser = new Map<string, string[]>();
  for (const [portal, b] of Object.entries(perPortal)) if (b) byBrowser.set(b, [...(byBrowser.get(b) ?? []), portalNames[portal] ?? portal]);
  const advice = [...byBrowser].map(([b, ps]) => `${name(b)} for ${ps.join(' and ')}`).join(', ');
  return { overall: null, perPortal, reason: `No single browser completes every critical task: use ${advice}.` };
}
