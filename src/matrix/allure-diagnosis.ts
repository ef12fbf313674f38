import fs from 'node:fs';
import path from 'node:path';
import type { Matrix } from './model';
import type { Diagnosis } from '../diagnosis/diagnose';
import { describeFinding, type LayoutFinding } from '../layout/compare';
import { outlineStyle } from '../layout/findings';
import { escapeHtml } from './render-html';

/** The diagnosis as a person reads it: for the Allure attachment. */
export function diagnosisText(d: Diagnosis): string {
  const r = d.recorded;
  return [
    'Why it failed — from what the browser reported (portal-matrix)',
    '',
    ...(d.step ? [`Step:          ${d.step}`] : []),
    `Likely cause:  ${d.likelyCause}`,
    ...(d.difference ? ['', `What ${d.difference.comparedWith} did differently:`, ...d.difference.lines.map((l) => `  - ${l}`)] : []),
    '',
    `Recorded: ${r.pageErrors} page error(s), ${r.consoleErrors} console error(s), ${r.failedRequests} failed request(s), ${r.refusedCookies} refused cookie(s)${r.dropped ? `, ${r.dropped} more not kept` : ''}`,
    ...(d.notes ?? []).map((n) => `Note: ${n}`),
  ].join('\n');
}

interface AllureResult { uuid: string; status?: string; labels?: { name: string; value: string }[]; parameters?: { name: string; value: string }[]; attachments?: { name: string; source: string; type: string }[] }

/**
 * Each Allure result of a matrix cell (matched by the portal and task tags and the Playwright project) whose
 * status is one of `statuses`, with the cell's value: `add` writes its attachment, once per name.
 */
function attachToResults<T>(resultsDir: string, wanted: Map<string, T>, statuses: string[], name: string, add: (value: T, result: AllureResult) => { source: string; body: string | Buffer; type: string }): number {
  if (!wanted.size || !fs.existsSync(resultsDir)) return 0;
  let added = 0;
  for (const file of fs.readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const full = path.join(resultsDir, file);
    const result = JSON.parse(fs.readFileSync(full, 'utf8')) as AllureResult;
    if (!statuses.includes(result.status ?? '')) continue;
    const tags = new Set((result.labels ?? []).filter((l) => l.name === 'tag').map((l) => l.value));
    const project = result.parameters?.find((p) => p.name === 'Project')?.value;
    const key = [...wanted.keys()].find((k) => {
      const [portal, task, browser] = k.split('/');
      return tags.has(portal!) && tags.has(task!) && project === browser;
    });
    if (!key || result.attachments?.some((a) => a.name === name)) continue;
    const { source, body, type } = add(wanted.get(key)!, result);
    fs.writeFileSync(path.join(resultsDir, source), body);
    result.attachments = [{ name, source, type }, ...(result.attachments ?? [])];
    fs.writeFileSync(full, JSON.stringify(result));
    added++;
  }
  return added;
}

/** Adds a readable "Diagnosis" attachment to the failed Allure results of each diagnosed cell. */
export function attachDiagnosesToAllure(resultsDir: string, matrix: Matrix): number {
  const wanted = new Map<string, Diagnosis>();
  for (const row of matrix.rows) for (const [browser, cell] of Object.entries(row.cells)) if (cell.diagnosis) wanted.set(`${row.portal}/${row.task}/${browser}`, cell.diagnosis);
  return attachToResults(resultsDir, wanted, ['failed', 'broken'], 'Diagnosis', (d, result) => ({ source: `${result.uuid}-diagnosis-attachment.txt`, body: diagnosisText(d), type: 'text/plain' }));
}

/**
 * "Looks different" on the passing Allure results of each cell with layout findings: per finding, its sentence
 * and the checkpoint's screenshots of the browsers side by side (embedded, the element outlined).
 */
export function attachLayoutToAllure(resultsDir: string, matrix: Matrix, reportsDir: string): number {
  const names = Object.fromEntries(matrix.browsers.map((b) => [b.id, `${b.name}${b.version ? ` ${b.version}` : ''}`]));
  const wanted = new Map<string, LayoutFinding[]>();
  for (const row of matrix.rows) for (const [browser, cell] of Object.entries(row.cells)) if (cell.layout?.findings.length) wanted.set(`${row.portal}/${row.task}/${browser}`, cell.layout.findings);
  const image = (f: LayoutFinding, browser: string) => {
    const file = f.screenshots?.[browser] && path.join(reportsDir, f.screenshots[browser]);
    if (!file || !fs.existsSync(file)) return '';
    const outline = outlineStyle(f, browser);
    const mark = outline ? `<span style="position:absolute;outline:3px solid #cf222e;${outline}"></span>` : '';
    return `<figure style="margin:0;width:48%"><div style="position:relative"><img style="width:100%;display:block;border:1px solid #d0d7de" src="data:image/jpeg;base64,${fs.readFileSync(file).toString('base64')}">${mark}</div><figcaption>${escapeHtml(names[browser] ?? browser)}</figcaption></figure>`;
  };
  return attachToResults(resultsDir, wanted, ['passed'], 'Looks different', (findings, result) => ({
    source: `${result.uuid}-layout-attachment.html`,
    type: 'text/html',
    body: `<!doctype html><meta charset="utf-8"><body style="font:13px system-ui,sans-serif">${findings.slice(0, 3).map((f) => `<p><b>${escapeHtml(describeFinding(f, names))}</b></p>
<div style="display:flex;gap:12px">${[f.browser, ...f.comparedWith].map((b) => image(f, b)).join('')}</div>`).join('<hr>')}</body>`,
  }));
}
