import { COMPLETED, ran, type Recommendation, type Row, type Severity } from './model';

const ORDER: Severity[] = ['critical', 'normal', 'minor'];
/** Tasks completed per severity, then (negated) tasks whose screens look different in the browser. */
type Score = [number, number, number, number];

/**
 * Lexicographic: one more critical task completed beats any number of normal or minor ones; among browsers
 * that complete the same tasks, the one whose layout matches the others' wins.
 */
function compare(a: Score, b: Score): number {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

const completes = (row: Row, browser: string) => {
  const cell = row.cells[browser];
  // A known issue is still a failure for the user: it counts against the browser.
  return !!cell && COMPLETED.has(cell.status) && !cell.known && !cell.blocked;
};

function score(rows: Row[], browser: string): Score {
  const s: Score = [0, 0, 0, 0];
  for (const row of rows) {
    if (!completes(row, browser)) continue;
    s[ORDER.indexOf(row.severity)]! += 1;
    if (row.cells[browser]?.layout?.findings.length) s[3] -= 1;
  }
  return s;
}

function ranked(rows: Row[], browsers: string[], preference: string[]): string[] {
  const rank = (b: string) => (preference.includes(b) ? preference.indexOf(b) : preference.length + browsers.indexOf(b));
  const scores = new Map(browsers.map((b) => [b, score(rows, b)]));
  return [...browsers].sort((a, b) => compare(scores.get(a)!, scores.get(b)!) || rank(a) - rank(b));
}

/** "completed 14 of 17 (failed 2, 1 did not run)" — what a browser did over some rows. */
function tally(rows: Row[], browser: string): string {
  const done = rows.filter((r) => completes(r, browser)).length;
  const notRun = rows.filter((r) => !ran(r.cells[browser])).length;
  const failed = rows.length - done - notRun;
  const extra = [failed ? `failed ${failed}` : '', notRun ? `${notRun} did not run` : ''].filter(Boolean).join(', ');
  return `completed ${done} of ${rows.length} task${rows.length === 1 ? '' : 's'}${extra ? ` (${extra})` : ''}`;
}

/** Why a portal cannot be judged: what its cells say about why nothing completed. */
function noEvidence(rows: Row[]): string {
  if (rows.some((r) => r.verdict === 'portal-unreachable')) return 'no evidence: the portal was unreachable';
  const blocked = rows.flatMap((r) => Object.values(r.cells)).find((c) => c.blocked && c.reason)?.reason;
  if (blocked) return `no evidence: ${blocked.split(' — ')[0]}`;
  return 'no evidence: no task completed in any browser';
}

/**
 * Per portal: the browser completing the most tasks, weighted by severity, ties broken by preference — only
 * where some browser completed something. Overall: the best browser that completes every critical task on every
 * portal that could be judged — or, honestly, none; never a claim about critical tasks when there are none.
 */
export function recommend(rows: Row[], browsers: string[], preference: string[], names: Record<string, string> = {}, portalNames: Record<string, string> = {}): Recommendation {
  const name = (b: string) => names[b] ?? b;
  const portalName = (p: string) => portalNames[p] ?? p;
  const portals = [...new Set(rows.map((r) => r.portal))];
  const perPortal: Record<string, string | null> = {};
  const unjudged: Record<string, string> = {};
  for (const portal of portals) {
    const portalRows = rows.filter((r) => r.portal === portal);
    const evidence = browsers.filter((b) => portalRows.some((r) => completes(r, b)));
    perPortal[portal] = evidence.length ? ranked(portalRows, evidence, preference)[0]! : null;
    if (!evidence.length) unjudged[portal] = noEvidence(portalRows);
  }
  // Rows that some browser ran, on portals that could be judged: a task nobody ran says nothing about browsers.
  const judged = rows.filter((r) => perPortal[r.portal] && browsers.some((b) => ran(r.cells[b])));
  const notJudged = Object.entries(unjudged).map(([p, why]) => `${portalName(p)} (${why})`);
  // Said plainly: a task that fails in every browser that ran it is not solved by choosing a browser.
  const nobody = rows.filter((r) => r.verdict === 'fails-everywhere');
  const caveat = (notJudged.length ? ` Not judged: ${notJudged.join('; ')}.` : '') +
    (nobody.length ? ` No installed browser completes ${nobody.map((r) => `${portalName(r.portal)} › ${r.title}`).join('; ')}.` : '');
  const result = (overall: string | null, reason: string): Recommendation => ({
    overall, perPortal, ...(notJudged.length ? { unjudged } : {}), ...(nobody.length ? { nobodyCompletes: nobody.map((r) => `${r.portal}/${r.task}`) } : {}), reason: reason + caveat,
  });
  if (judged.length === 0) return result(null, 'No task completed in any browser, so no browser can be recommended.');

  const candidates = browsers.filter((b) => judged.some((r) => ran(r.cells[b])));
  const critical = judged.filter((r) => r.severity === 'critical');
  if (critical.length === 0) {
    const top = ranked(judged, candidates, preference)[0]!;
    return result(top, `No task is marked critical. ${name(top)} ${tally(rows.filter((r) => perPortal[r.portal]), top)}.`);
  }
  const everywhere = candidates.filter((b) => critical.every((r) => completes(r, b)));
  if (everywhere.length) {
    const [overall, ...others] = ranked(judged, everywhere, preference);
    const rest = judged.filter((r) => r.severity !== 'critical');
    const restNote = rest.some((r) => !completes(r, overall!)) ? `; of the other tasks it ${tally(rest, overall!)}` : '';
    const scope = Object.keys(unjudged).length ? 'on every portal that could be judged' : 'on every portal';
    return result(overall!, `${name(overall!)} completes every critical task (${critical.length}) ${scope}${restNote}${others.length ? ` (chosen over ${others.map(name).join(', ')} by tasks completed, then screens that look like the other browsers', then preference order)` : ''}.`);
  }
  const byBrowser = new Map<string, string[]>();
  for (const [portal, b] of Object.entries(perPortal)) if (b) byBrowser.set(b, [...(byBrowser.get(b) ?? []), portalName(portal)]);
  const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items[0]!);
  const advice = [...byBrowser].map(([b, ps]) => `${name(b)} for ${list(ps)}`).join('; ');
  return result(null, `No single browser completes every critical task: use ${advice}.`);
}
