import { FAILING, looksDifferent, type Cell, type CellStatus, type Matrix, type Row, type Verdict } from './model';
import { describeFinding, type LayoutFinding } from '../layout/compare';

/** Plain symbols every common font has (emoji fonts are often missing on servers and CI images). */
export const ICON: Record<CellStatus, string> = {
  passed: '✓', failed: '✗', flaky: '≈', broken: '⚠', 'not-installed': '○', 'not-run': '–', 'expected-failure': '⊘', 'unexpected-pass': '!',
};
export const VERDICT_LABEL: Record<Verdict, string> = {
  'all-passed': 'all passed', 'looks-different': 'looks different', 'browser-specific': 'browser-specific', 'fails-everywhere': 'fails everywhere',
  incomplete: 'incomplete', 'could-not-run': 'could not run', 'portal-unreachable': 'portal unreachable', 'not-run': 'not run',
};

/** A cell's status as one word; a blocked cell reads "could not run", not as a browser failure. */
export const statusLabel = (c: Cell): string => (c.blocked ? 'could not run' : `${c.status}${looksDifferent(c) ? ' · looks different' : ''}`);

/** The row's verdict in words: "layout differs in firefox" names the browsers. */
export const verdictLabel = (r: Row): string =>
  r.verdict === 'looks-different' && r.layoutDiffersIn?.length ? `layout differs in ${r.layoutDiffersIn.join(', ')}` : VERDICT_LABEL[r.verdict];

/** Every layout finding of the run with its task, in row order. */
export function layoutFindings(matrix: Matrix): { row: Row; finding: LayoutFinding }[] {
  return matrix.rows.flatMap((row) => Object.values(row.cells).flatMap((c) => (c.layout?.findings ?? []).map((finding) => ({ row, finding }))));
}

const LAYOUT_LINES = 20;
/** One line per layout finding: "m365/view-invoice: region 'Invoice summary' is hidden in Firefox ESR 153 at step '…'". */
export function layoutLines(matrix: Matrix): string[] {
  const names = Object.fromEntries(matrix.browsers.map((b) => [b.id, columnTitle(b)]));
  const all = layoutFindings(matrix).map(({ row, finding }) => `${rowLabel(row)}: ${describeFinding(finding, names)}`);
  return all.length > LAYOUT_LINES ? [...all.slice(0, LAYOUT_LINES), `and ${all.length - LAYOUT_LINES} more (matrix.json)`] : all;
}

/** Row label: the task id; for untagged tests (any project) the spec file's describe path + title. */
export const rowLabel = (r: Row): string => `${r.portal}/${r.task}`;

/**
 * "Changed since the previous run" lines, or why there are none. A flip is tied to a browser update when that
 * browser's build changed since the cell last ran; when no browser changed, the portal is the suspect.
 */
export function changeLines(matrix: Matrix): string[] {
  if (matrix.firstRun) return ['first run: nothing to compare yet'];
  const fresh = (matrix.newTasks ?? []).map((t) => `${t}: new — first run of this task, nothing to compare yet`);
  if (!matrix.changes.length) return fresh.length ? [...fresh, 'no changes in the tasks that ran before'] : ['no changes since the previous run'];
  const name = new Map(matrix.browsers.map((b) => [b.id, b.name]));
  const lines = matrix.changes.map((c) => {
    // The same classes as the history's comparison and the notification: a failing status is newly broken.
    const verb = FAILING.has(c.to) ? 'newly broken' : 'newly fixed';
    const build = c.fromBuild && c.toBuild && c.fromBuild !== c.toBuild ? ` — ${verb} in ${name.get(c.browser) ?? c.browser} since ${c.fromBuild} → ${c.toBuild}` : '';
    return `${c.portal}/${c.task} in ${c.browser}: ${c.from} → ${c.to}${build}`;
  });
  const known = matrix.changes.filter((c) => c.fromBuild && c.toBuild);
  if (known.length === matrix.changes.length && known.every((c) => c.fromBuild === c.toBuild)) lines.push('nothing changed in the browsers: suspect the portal');
  return [...fresh, ...lines];
}

/** One line per diagnosed cell: "pcd/database-status in firefox — step "Check replication": script error …". */
export function causeLines(matrix: Matrix): string[] {
  return matrix.rows.flatMap((r) => Object.entries(r.cells).filter(([, c]) => c.diagnosis).map(([b, c]) =>
    `${rowLabel(r)} in ${b}${c.diagnosis!.step ? ` — at "${c.diagnosis!.step}"` : ''}: ${c.diagnosis!.likelyCause}`));
}

/** One line per portal-level problem: "sign-in to PCD failed … — in chromium, firefox; its tasks could not run". */
export const problemLines = (matrix: Matrix): string[] =>
  matrix.problems.map((p) => `${p.portal}: ${p.reason} — in ${p.browsers.join(', ')}; its tasks could not run (not counted against any browser)`);

/** One line per portal whose certificate was not checked: nobody should read its results as a clean bill. */
export const insecureTlsLines = (matrix: Matrix): string[] =>
  Object.entries(matrix.run.insecureTls ?? {}).map(([portal, how]) => `${portal}: TLS ${how} — a certificate problem on this portal would not show in these results`);

export const columnTitle = (b: Matrix['browsers'][number]): string =>
  b.installed ? `${b.name}${b.version ? ` ${b.version}` : ' (version unknown)'}${b.source ? ` (${b.source})` : ''}` : `${b.name}: not installed`;

const escapeMd = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const LABEL_WIDTH = 90;

/** Labels longer than the console allows keep their start and a short hash of the whole, so rows stay distinct. */
export function shortLabel(label: string, width: number): string {
  if (label.length <= width) return label;
  let h = 0;
  for (const ch of label) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  const tag = `…#${h.toString(16).padStart(8, '0').slice(0, 6)}`;
  return label.slice(0, width - tag.length) + tag;
}

/** reports/matrix.md — for a CI job summary or a ticket. */
export function renderMarkdown(matrix: Matrix): string {
  const lines = [`# Browser compatibility matrix`, '', `**Recommendation:** ${escapeMd(matrix.recommendation.reason)}`, ''];
  const problems = problemLines(matrix);
  if (problems.length) lines.push('**Could not run:**', '', ...problems.map((p) => `- ${escapeMd(p)}`), '');
  const insecure = insecureTlsLines(matrix);
  if (insecure.length) lines.push('**Certificate checks off:**', '', ...insecure.map((p) => `- ${escapeMd(p)}`), '');
  lines.push(`| Portal | Task | Severity | ${matrix.browsers.map((b) => escapeMd(columnTitle(b))).join(' | ')} | Verdict |`);
  lines.push(`|---|---|---|${matrix.browsers.map(() => '---').join('|')}|---|`);
  for (const row of matrix.rows) {
    const cells = matrix.browsers.map((b) => {
      const c = row.cells[b.id];
      return c ? `${ICON[c.status]} ${statusLabel(c)}${c.known ? ' (known)' : ''}` : '';
    });
    const label = row.title === row.task ? row.task : `${row.title} (${row.task})`;
    lines.push(`| ${row.portal} | ${escapeMd(label)} | ${row.severity} | ${cells.join(' | ')} | ${verdictLabel(row)} |`);
  }
  // Many cells often share one message (a browser that could not start…): each message once, with its cells.
  const byMessage = new Map<string, string[]>();
  for (const r of matrix.rows) {
    for (const [b, c] of Object.entries(r.cells)) {
      if (c.blocked || c.status === 'not-installed') continue;
      const text = c.portalMessage ?? (c.status !== 'not-run' ? c.error : undefined);
      if (text) byMessage.set(text, [...(byMessage.get(text) ?? []), `${rowLabel(r)} in ${b}`]);
    }
  }
  if (byMessage.size) {
    lines.push('', '## What the user saw', '');
    for (const [text, where] of byMessage) {
      const list = where.length > 5 ? `${where.slice(0, 5).join(', ')} and ${where.length - 5} more` : where.join(', ');
      lines.push(`- ${where.length > 1 ? `**${where.length} cells** (${escapeMd(list)})` : `**${escapeMd(list)}**`}: ${escapeMd(text).slice(0, 300)}`);
    }
  }
  const causes = matrix.rows.flatMap((r) => Object.entries(r.cells).filter(([, c]) => c.diagnosis).map(([b, c]) => {
    const d = c.diagnosis!;
    const diff = d.difference ? `<br>vs ${d.difference.comparedWith}: ${d.difference.lines.map(escapeMd).join('; ')}` : '';
    return `- **${escapeMd(rowLabel(r))} in ${b}**${d.step ? ` (step "${escapeMd(d.step)}")` : ''}: ${escapeMd(d.likelyCause)}${diff}`;
  }));
  if (causes.length) lines.push('', '## Why it failed (likely cause, from what the browsers reported)', '', ...causes);
  const layout = layoutLines(matrix);
  if (layout.length) lines.push('', '## Looks different (layout compared across the browsers of this run)', '', ...layout.map((l) => `- ${escapeMd(l)}`));
  for (const note of matrix.notes ?? []) lines.push('', `**Note:** ${escapeMd(note)}`);
  lines.push('', '## Changes since the previous run', '', ...changeLines(matrix).map((l) => `- ${l}`));
  const missing = matrix.browsers.filter((b) => !b.installed);
  if (missing.length) lines.push('', '## Not installed', '', ...missing.map((b) => `- ${b.name}: \`${b.installHint}\``));
  return lines.join('\n') + '\n';
}

/** The compact table printed at the end of a run. */
export function renderConsole(matrix: Matrix): string {
  const short: Record<CellStatus, string> = {
    passed: 'pass', failed: 'FAIL', flaky: 'flaky', broken: 'BROKEN', 'not-installed': 'n/i', 'not-run': 'skip', 'expected-failure': 'xfail', 'unexpected-pass': 'XPASS',
  };
  const word = (c: Cell) => (c.blocked ? 'no-run' : short[c.status]) + (looksDifferent(c) ? '≠' : '') + (c.known ? '*' : '');
  const labels = matrix.rows.map((r) => shortLabel(rowLabel(r), LABEL_WIDTH));
  const taskWidth = Math.max(4, ...labels.map((l) => l.length));
  const cols = matrix.browsers.map((b) => Math.max(b.id.length, 6));
  const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
  const out = [`${pad('task', taskWidth)}  ${matrix.browsers.map((b, i) => pad(b.id, cols[i]!)).join('  ')}  verdict`];
  matrix.rows.forEach((row, r) => {
    const cells = matrix.browsers.map((b, i) => pad(row.cells[b.id] ? word(row.cells[b.id]!) : '', cols[i]!));
    out.push(`${labels[r]!.padEnd(taskWidth)}  ${cells.join('  ')}  ${verdictLabel(row)}`);
  });
  if (matrix.rows.some((r) => Object.values(r.cells).some((c) => c.blocked))) out.push('no-run = could not run (see below); not counted against the browser');
  const missing = matrix.browsers.filter((b) => !b.installed);
  if (missing.length) out.push('', ...missing.map((b) => `n/i = not installed: ${b.id} → ${b.installHint}`));
  if (matrix.rows.some((r) => Object.values(r.cells).some((c) => c.known))) out.push('* = known issue (data/known-issues.csv)');
  if (matrix.rows.some((r) => Object.values(r.cells).some(looksDifferent))) out.push('≠ = completed, but looks different from the other browsers (below)');
  const causes = causeLines(matrix);
  if (causes.length) out.push('', 'Likely causes:', ...causes.map((l) => `  ${l}`));
  const layout = layoutLines(matrix);
  if (layout.length) out.push('', 'Looks different:', ...layout.map((l) => `  ${l}`));
  for (const note of matrix.notes ?? []) out.push('', `Note: ${note}`);
  const problems = problemLines(matrix);
  if (problems.length) out.push('', 'Could not run:', ...problems.map((p) => `  ${p}`));
  const insecure = insecureTlsLines(matrix);
  if (insecure.length) out.push('', 'Certificate checks off:', ...insecure.map((p) => `  ${p}`));
  out.push('', 'Changed since the previous run:', ...changeLines(matrix).map((l) => `  ${l}`));
  out.push('', `Recommended browser: ${matrix.recommendation.reason}`);
  for (const [portal, b] of Object.entries(matrix.recommendation.perPortal)) out.push(`  ${portal}: ${b ?? `none — ${matrix.recommendation.unjudged?.[portal] ?? 'no evidence'}`}`);
  return out.join('\n');
}
