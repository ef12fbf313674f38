import type { CellStatus, Matrix, Verdict } from './model';

/** Plain symbols every common font has (emoji fonts are often missing on servers and CI images). */
export const ICON: Record<CellStatus, string> = { passed: '✓', failed: '✗', flaky: '≈', broken: '⚠', 'not-installed': '○', 'not-run': '–' };
export const VERDICT_LABEL: Record<Verdict, string> = {
  'all-passed': 'all passed', 'browser-specific': 'browser-specific', 'fails-everywhere': 'fails everywhere',
  'portal-unreachable': 'portal unreachable', 'not-run': 'not run',
};

export const columnTitle = (b: Matrix['browsers'][number]): string =>
  b.installed ? `${b.name}${b.version ? ` ${b.version}` : ''}${b.source ? ` (${b.source})` : ''}` : `${b.name}: not installed`;

const escapeMd = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** reports/matrix.md — for a CI job summary or a ticket. */
export function renderMarkdown(matrix: Matrix): string {
  const lines = [`# Browser compatibility matrix`, '', `**Recommendation:** ${matrix.recommendation.reason}`, ''];
  lines.push(`| Portal | Task | Severity | ${matrix.browsers.map((b) => escapeMd(columnTitle(b))).join(' | ')} | Verdict |`);
  lines.push(`|---|---|---|${matrix.browsers.map(() => '---').join('|')}|---|`);
  for (const row of matrix.rows) {
    const cells = matrix.browsers.map((b) => {
      const c = row.cells[b.id];
      return c ? `${ICON[c.status]} ${c.status}${c.known ? ' (known)' : ''}` : '';
    });
    lines.push(`| ${row.portal} | ${escapeMd(row.title)} | ${row.severity} | ${cells.join(' | ')} | ${VERDICT_LABEL[row.verdict]} |`);
  }
  const failures = matrix.rows.flatMap((r) => Object.entries(r.cells).filter(([, c]) => c.portalMessage || (c.error && c.status !== 'not-run')).map(([b, c]) => `- **${r.portal}/${r.task} in ${b}**: ${escapeMd(c.portalMessage ?? c.error ?? '').slice(0, 300)}`));
  if (failures.length) lines.push('', '## What the user saw', '', ...failures);
  lines.push('', '## Changes since the previous run', '');
  lines.push(...(matrix.changes.length ? matrix.changes.map((c) => `- ${c.portal}/${c.task} in ${c.browser}: ${c.from} → ${c.to}`) : ['- none']));
  const missing = matrix.browsers.filter((b) => !b.installed);
  if (missing.length) lines.push('', '## Not installed', '', ...missing.map((b) => `- ${b.name}: \`${b.installHint}\``));
  return lines.join('\n') + '\n';
}

/** The compact table printed at the end of a run. */
export function renderConsole(matrix: Matrix): string {
  const short: Record<CellStatus, string> = { passed: 'pass', failed: 'FAIL', flaky: 'flaky', broken: 'BROKEN', 'not-installed': 'n/i', 'not-run': 'skip' };
  const taskWidth = Math.min(48, Math.max(4, ...matrix.rows.map((r) => `${r.portal}/${r.task}`.length)));
  const cols = matrix.browsers.map((b) => Math.max(b.id.length, 6));
  const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
  const out = [`${pad('task', taskWidth)}  ${matrix.browsers.map((b, i) => pad(b.id, cols[i]!)).join('  ')}  verdict`];
  for (const row of matrix.rows) {
    const cells = matrix.browsers.map((b, i) => pad(row.cells[b.id] ? short[row.cells[b.id]!.status] + (row.cells[b.id]!.known ? '*' : '') : '', cols[i]!));
    out.push(`${pad(`${row.portal}/${row.task}`, taskWidth)}  ${cells.join('  ')}  ${VERDICT_LABEL[row.verdict]}`);
  }
  const missing = matrix.browsers.filter((b) => !b.installed);
  if (missing.length) out.push('', ...missing.map((b) => `n/i = not installed: ${b.id} → ${b.installHint}`));
  if (matrix.rows.some((r) => Object.values(r.cells).some((c) => c.known))) out.push('* = known issue (data/known-issues.csv)');
  if (matrix.changes.length) out.push('', 'Changed since the previous run:', ...matrix.changes.map((c) => `  ${c.portal}/${c.task} in ${c.browser}: ${c.from} → ${c.to}`));
  out.push('', `Recommended browser: ${matrix.recommendation.reason}`);
  for (const [portal, b] of Object.entries(matrix.recommendation.perPortal)) out.push(`  ${portal}: ${b ?? 'none'}`);
  return out.join('\n');
}
