import type { Cell, CellStatus, Matrix, Row } from './model';
import { changeLines, columnTitle, ICON, insecureTlsLines, layoutFindings, problemLines, rowLabel, statusLabel, verdictLabel } from './render-text';
import { describeFinding, type LayoutFinding } from '../layout/compare';
import { outlineStyle } from '../layout/findings';

/** The reporter ships on its own (no harness or lab imports), so it escapes HTML itself. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const e = escapeHtml;

const CSS = `
body{font:14px/1.45 system-ui,Segoe UI,Roboto,Arial,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:18px}header p{margin:4px 0 0;opacity:.8;font-size:12px}
main{padding:18px 24px}
.banner{border-radius:6px;padding:12px 16px;margin-bottom:14px;font-size:15px;border:1px solid}
.banner.one{background:#dafbe1;border-color:#1a7f37}.banner.none{background:#fff8c5;border-color:#9a6700}
.banner ul{margin:6px 0 0;padding-left:20px;font-size:13px}
.changes{background:#fff;border:1px solid #d0d7de;border-left:4px solid #8250df;border-radius:6px;padding:10px 14px;margin-bottom:14px}
table{border-collapse:collapse;background:#fff;width:100%;font-size:13px}
th,td{border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;text-align:left}
thead th{background:#eaeef2;position:sticky;top:0;z-index:1}
tr.portal th{background:#f6f8fa;font-size:14px}
td.cell{min-width:150px}
.passed{background:#dafbe1}.failed{background:#ffebe9}.flaky{background:#fff8c5}.broken{background:#ffd8b5}.not-installed{background:#eaeef2;color:#57606a}.not-run{background:#f6f8fa;color:#57606a}
.changed{outline:3px solid #8250df;outline-offset:-3px}
.status{font-weight:600}.known{font-size:11px;background:#ddf4ff;border-radius:3px;padding:0 4px;margin-left:4px}
.trend{display:flex;gap:2px;margin-top:3px}.trend span{width:8px;height:8px;border-radius:2px;display:inline-block}
.expected-failure{background:#eaeef2}.unexpected-pass{background:#ffebe9}.blocked{background:repeating-linear-gradient(135deg,#f6f8fa 0 6px,#eaeef2 6px 12px);color:#57606a}
.problems{background:#fff;border:1px solid #d0d7de;border-left:4px solid #bc4c00;border-radius:6px;padding:10px 14px;margin-bottom:14px}
.trend .passed{background:#1a7f37}.trend .failed{background:#cf222e}.trend .flaky{background:#bf8700}.trend .broken{background:#bc4c00}.trend .not-run,.trend .not-installed{background:#afb8c1}
details summary{cursor:pointer;color:#0969da;font-size:12px}details pre{white-space:pre-wrap;font-size:11px;max-height:220px;overflow:auto;background:#f6f8fa;padding:6px}
.verdict{font-weight:600;white-space:nowrap}.v-browser-specific{color:#cf222e}.v-fails-everywhere{color:#9a6700}.v-all-passed{color:#1a7f37}.v-portal-unreachable,.v-not-run,.v-could-not-run,.v-incomplete{color:#57606a}
.legend{font-size:12px;color:#57606a;margin:10px 0}
.cause{font-size:12px;margin:4px 0;color:#1f2328}.cause .step{color:#57606a}
img.thumb{max-width:220px;border:1px solid #d0d7de;margin:4px 0;display:block}
.layout{background:#fff;border:1px solid #d0d7de;border-left:4px solid #0969da;border-radius:6px;padding:10px 14px;margin-top:14px}
.layout figure{margin:10px 0 18px}.layout figcaption{font-size:13px;margin-bottom:6px}
.pair{display:flex;gap:12px;flex-wrap:wrap}.shot{position:relative;width:460px;border:1px solid #d0d7de;margin:0}.shot img{width:100%;display:block}
.shot .mark{position:absolute;outline:3px solid #cf222e;outline-offset:1px;background:rgba(207,34,46,.12)}.shot figcaption{font-size:12px;color:#57606a;padding:2px 6px}
.v-looks-different{color:#0969da}.looks{font-size:12px;margin:4px 0;color:#0969da}
.portal-msg{background:#ffebe9;border-left:3px solid #cf222e;padding:4px 6px;margin:4px 0;font-size:12px}
`;

function trend(cell: Cell): string {
  if (!cell.trend?.length) return '';
  const dots = [...cell.trend, cell.status].map((s: CellStatus) => `<span class="${s}" title="${s}"></span>`).join('');
  return `<div class="trend" aria-label="last runs: ${[...cell.trend, cell.status].join(', ')}">${dots}</div>`;
}

/** "(attempt 2 of 2)" when the test ran more than once, so a reader knows which run the file shows. */
const attempt = (cell: Cell, n: number | undefined) => (n && cell.attempts > 1 ? ` (attempt ${n} of ${cell.attempts})` : '');

/** Step and likely cause, visible without expanding anything: what a support engineer reads first. */
function cause(cell: Cell): string {
  const d = cell.diagnosis;
  if (!d) return '';
  return `<div class="cause">${d.step ? `<span class="step">at “${e(d.step)}”</span> ` : ''}${e(d.likelyCause)}</div>`;
}

/** Everything behind the likely cause: the comparison with the passing browser, what was recorded, notes. */
function diagnosisDetails(cell: Cell): string {
  const d = cell.diagnosis;
  if (!d) return '';
  const r = d.recorded;
  return `${d.difference ? `<div><b>What ${e(d.difference.comparedWith)} did differently:</b><ul>${d.difference.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul></div>` : ''}
<div class="legend">recorded: ${r.pageErrors} page error(s), ${r.consoleErrors} console error(s), ${r.failedRequests} failed request(s), ${r.refusedCookies} refused cookie(s)${r.dropped ? `, ${r.dropped} more not kept` : ''}${d.notes?.length ? ` · ${e(d.notes.join('; '))}` : ''}</div>`;
}

/** What looks different in this cell, in one line (the screenshots are in the section below the table). */
function looks(cell: Cell, names: Record<string, string>): string {
  const first = cell.layout?.findings[0];
  if (!first) return '';
  const more = cell.layout!.findings.length - 1;
  return `<div class="looks">≠ ${e(describeFinding(first, names))}${more ? ` · ${more} more below` : ''}</div>`;
}

/** One engine's checkpoint screenshot with the element outlined. */
function shot(f: LayoutFinding, browser: string, title: string): string {
  const src = f.screenshots?.[browser];
  if (!src) return '';
  const outline = outlineStyle(f, browser);
  const mark = outline ? `<span class="mark" style="${outline}"></span>` : '';
  return `<figure class="shot"><div style="position:relative"><img src="${e(src)}" alt="${e(title)} at step ${e(f.checkpoint)}" loading="lazy">${mark}</div><figcaption>${e(title)}${outline ? '' : ' — not on this screen'}</figcaption></figure>`;
}

/** The layout findings, each with the checkpoint's screenshots side by side (the odd engine first). */
function layoutSection(matrix: Matrix, names: Record<string, string>): string {
  const all = layoutFindings(matrix);
  if (!all.length) return '';
  const figures = all.slice(0, 20).map(({ row, finding: f }) => `<figure><figcaption><b>${e(rowLabel(row))}</b>: ${e(describeFinding(f, names))}${f.alsoAffected?.length ? `<div class="legend">also: ${e(f.alsoAffected.join(', '))}</div>` : ''}</figcaption>
<div class="pair">${[f.browser, ...f.comparedWith].map((b) => shot(f, b, names[b] ?? b)).join('')}</div></figure>`);
  return `<section class="layout" aria-label="Looks different"><b>Looks different</b> — tasks completed, but the screens differ between browsers (compared at the end of each step, by element, not by pixels)
${figures.join('\n')}${all.length > 20 ? `<div class="legend">and ${all.length - 20} more in matrix.json</div>` : ''}</section>`;
}

function evidence(cell: Cell, row: Row, browser: string, allureReport: string | undefined): string {
  if (cell.status === 'not-installed' || (!cell.error && !cell.portalMessage && !cell.reason)) return '';
  const links = [
    cell.evidence.screenshot ? `<a href="${e(cell.evidence.screenshot)}">screenshot</a>${attempt(cell, cell.evidence.screenshotAttempt)}` : '',
    cell.evidence.trace ? `<a href="${e(cell.evidence.trace)}">trace</a>${attempt(cell, cell.evidence.traceAttempt)} (open with <code>npx playwright show-trace</code>)` : '',
    allureReport ? `<a href="${e(allureReport)}">Allure report</a>` : '',
  ].filter(Boolean).join(' · ');
  return `<details><summary>evidence</summary>
${cell.portalMessage ? `<div class="portal-msg"><b>The portal showed:</b> ${e(cell.portalMessage)}</div>` : ''}
${cell.reason ? `<div>${e(cell.reason)}</div>` : ''}
${diagnosisDetails(cell)}
${cell.evidence.screenshot ? `<a href="${e(cell.evidence.screenshot)}"><img class="thumb" src="${e(cell.evidence.screenshot)}" alt="screenshot of the failure" loading="lazy"></a>` : ''}
${cell.error ? `<pre>${e(cell.error)}</pre>` : ''}
<div>${links}</div><div class="legend">${e(row.portal)}/${e(row.task)} in ${e(browser)}, ${cell.attempts} attempt(s), ${Math.round(cell.durationMs / 100) / 10} s</div></details>`;
}

/** reports/matrix.html: one self-contained page (inline CSS, no scripts, no network) to show a manager. */
export function renderHtml(matrix: Matrix): string {
  const changed = new Set(matrix.changes.map((c) => `${c.portal}/${c.task}/${c.browser}`));
  const rec = matrix.recommendation;
  const banner = `<section class="banner ${rec.overall ? 'one' : 'none'}" aria-label="Recommended browser"><b>${rec.overall ? '★ Recommended browser:' : '⚖ No single browser:'}</b> ${e(rec.reason)}
<ul>${Object.entries(rec.perPortal).map(([p, b]) => `<li>${e(p)}: ${e(b ? columnTitle(matrix.browsers.find((x) => x.id === b) ?? { id: b, name: b, installed: true }) : `no recommendation — ${rec.unjudged?.[p] ?? 'no evidence'}`)}</li>`).join('')}</ul></section>`;
  const changes = matrix.changes.length
    ? `<section class="changes" aria-label="Changed since last run"><b>Changed since the previous run</b><ul>${changeLines(matrix).map((l) => `<li>${e(l)}</li>`).join('')}</ul></section>`
    : `<section class="changes" aria-label="Changed since last run">${e(changeLines(matrix)[0]!.replace(/^./, (c) => c.toUpperCase()))}.</section>`;
  const problems = problemLines(matrix);
  const problemBox = problems.length ? `<section class="problems" aria-label="Could not run"><b>Could not run</b> (not counted against any browser)<ul>${problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul></section>` : '';
  const insecure = insecureTlsLines(matrix);
  const notesBox = matrix.notes?.length ? `<section class="problems" aria-label="Notes"><b>Note</b><ul>${matrix.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul></section>` : '';
  const tlsBox = insecure.length ? `<section class="problems" aria-label="Certificate checks off"><b>Certificate checks off</b><ul>${insecure.map((p) => `<li>${e(p)}</li>`).join('')}</ul></section>` : '';
  const head = `<tr><th scope="col">Task</th><th scope="col">Severity</th>${matrix.browsers.map((b) => `<th scope="col">${e(columnTitle(b))}${b.installed ? '' : `<div class="legend">install: <code>${e(b.installHint ?? '')}</code></div>`}</th>`).join('')}<th scope="col">Verdict</th></tr>`;
  const parts: string[] = [];
  const names = Object.fromEntries(matrix.browsers.map((b) => [b.id, columnTitle(b)]));
  let portal = '';
  for (const row of matrix.rows) {
    if (row.portal !== portal) {
      portal = row.portal;
      parts.push(`<tr class="portal"><th colspan="${matrix.browsers.length + 3}" scope="rowgroup">${e(portal)}</th></tr>`);
    }
    const cells = matrix.browsers.map((b) => {
      const c = row.cells[b.id];
      if (!c) return '<td></td>';
      const isChanged = changed.has(`${row.portal}/${row.task}/${b.id}`);
      return `<td class="cell ${c.blocked ? 'blocked' : c.status}${isChanged ? ' changed' : ''}"><span class="status">${ICON[c.status]} ${e(statusLabel(c))}</span>${c.known ? `<span class="known" title="${e(c.known)}">known issue</span>` : ''}${isChanged ? ' <b title="changed since last run">● changed</b>' : ''}${trend(c)}${cause(c)}${looks(c, names)}${evidence(c, row, b.id, matrix.run.allureReport)}</td>`;
    }).join('');
    parts.push(`<tr><th scope="row">${e(row.title)}<div class="legend">${e(row.task)}${row.tests > 1 ? ` · ${row.tests} tests` : ''}</div></th><td>${e(row.severity)}</td>${cells}<td class="verdict v-${row.verdict}">${e(verdictLabel(row))}</td></tr>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Browser compatibility matrix</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}</style></head><body>
<header><h1>Browser compatibility matrix</h1><p>Run ${e(matrix.run.startedAt)} → ${e(matrix.run.finishedAt)}${matrix.run.labMode ? ` · lab mode ${e(matrix.run.labMode)}` : ''}${matrix.run.shard ? ` · shard ${e(matrix.run.shard)}` : ''}${matrix.run.evidence ? ` · evidence: ${e(matrix.run.evidence)}` : ''}${Object.keys(matrix.run.target).length ? ` · targets: ${Object.entries(matrix.run.target).map(([p, u]) => `${e(p)}=${e(u)}`).join(', ')}` : ''}</p></header>
<main>${banner}${problemBox}${tlsBox}${notesBox}${changes}
<div class="legend">${Object.entries(ICON).map(([s, i]) => `${i} ${s}`).join(' · ')} · <b>● changed</b> since the previous run · small squares: last runs, oldest first</div>
<table aria-label="Compatibility matrix"><thead>${head}</thead><tbody>${parts.join('\n')}</tbody></table>${layoutSection(matrix, names)}</main></body></html>`;
}
